package org.rlhf4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlhf4j.eval.demo.DemoConfig;
import org.rlhf4j.eval.demo.SupportDemo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rlhf4j demo}: a thin adapter to {@link SupportDemo}; its sizes are {@link DemoConfig}'s fields, as options derived from the record. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the embedded customer-support loop: corpus, pretraining, simulated feedback, SFT, reward model, PPO (or --method), evaluation against the "
                + "gold satisfaction score, and one report.")
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo", description = "Run directory (default: ${DEFAULT-VALUE}).") Path out;
    @Option(names = "--base", paramLabel = "DIR", description = "Start from this pretrained model instead of pretraining one (e.g. an earlier demo's model/).") Path base;
    @Mixin EngineOptions engine;

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DemoCommand());
        RecordOptions.add(cl.getCommandSpec(), DemoConfig.class, DemoConfig.defaults());
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        DemoConfig config = RecordOptions.apply(spec, DemoConfig.class, DemoConfig.defaults());
        var device = engine.start();
        new SupportDemo(config, device, List.of(PretrainCommand.CommandLineText.current()), System.out, System.err).run(out, base);
        return 0;
    }
}
