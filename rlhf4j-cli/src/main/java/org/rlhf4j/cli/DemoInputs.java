package org.rlhf4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rlhf4j.core.UserError;
import org.rlhf4j.eval.demo.SupportDemo;

/** What {@code compare} and {@code iterate} start from: a demo run's outputs ({@code --demo DIR}), or the policy, reward model(s) and comparisons given one by one. */
record DemoInputs(Path sft, List<Path> rewards, List<Path> comparisons) {
    static DemoInputs resolve(Path demo, Path policy, List<Path> rewards, List<Path> data, boolean dataRequired) {
        if (demo != null) {
            if (policy != null || rewards != null || data != null) throw new UserError("--demo takes the policy, reward model and data from the demo run; leave out --policy, --reward and --data");
            if (!Files.isDirectory(demo)) throw new UserError("--demo " + demo + ": no such folder");
            SupportDemo.Outputs o = SupportDemo.outputs(demo);
            return new DemoInputs(o.sft(), List.of(o.rewardModel()), o.comparisons());
        }
        if (policy == null || rewards == null || (dataRequired && data == null)) {
            throw new UserError(dataRequired ? "give --demo DIR, or --policy, --reward and --data" : "give --demo DIR, or --policy and --reward (and --data for offline methods)");
        }
        for (Path d : data == null ? List.<Path>of() : data) if (!Files.isRegularFile(d)) throw new UserError("--data " + d + ": no such file");
        return new DemoInputs(EvalCommand.modelDir(policy, "--policy"), rewards.stream().map(r -> EvalCommand.modelDir(r, "--reward")).toList(), data == null ? List.of() : data);
    }
}
