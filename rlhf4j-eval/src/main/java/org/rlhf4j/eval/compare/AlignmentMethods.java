package org.rlhf4j.eval.compare;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlhf4j.align.bon.BestOfNConfig;
import org.rlhf4j.align.bon.RejectionSamplingTraining;
import org.rlhf4j.align.kto.KtoConfig;
import org.rlhf4j.align.kto.KtoTraining;
import org.rlhf4j.align.ppo.PpoConfig;
import org.rlhf4j.align.dpo.DpoConfig;
import org.rlhf4j.align.dpo.DpoTraining;
import org.rlhf4j.align.grpo.GrpoConfig;
import org.rlhf4j.align.grpo.GrpoTraining;
import org.rlhf4j.align.ppo.PpoTraining;
import org.rlhf4j.align.rloo.RlooConfig;
import org.rlhf4j.align.rloo.RlooTraining;
import org.rlhf4j.core.UserError;
import org.rlhf4j.core.run.RunFiles;

/** The methods {@code rlhf4j compare} and {@code rlhf4j demo --method} know, by name. */
public final class AlignmentMethods {
    private static final Map<String, AlignmentMethod> METHODS = new LinkedHashMap<>();

    static {
        register(new Sft());
        register(new BestOfN());
        register(new Rsft());
        register(new Ppo());
        register(new Managed<>("grpo", "GRPO against the reward model: G samples per prompt, group-normalised advantages, k3 KL to the SFT policy as a loss (no critic)",
                GrpoConfig.class, GrpoConfig.defaults(), true,
                (c, in, out) -> new GrpoTraining(c, in.device(), in.commandLine(), in.log()).run(in.sft(), null, Managed.online(in), out).model()));
        register(new Managed<>("rloo", "RLOO against the reward model: k samples per prompt, leave-one-out baseline, KL in the reward (no critic)",
                RlooConfig.class, RlooConfig.defaults(), true,
                (c, in, out) -> new RlooTraining(c, in.device(), in.commandLine(), in.log()).run(in.sft(), null, Managed.online(in), out).model()));
        register(new Managed<>("dpo", "DPO on the comparisons themselves (no reward model), the SFT policy as the reference",
                DpoConfig.class, DpoConfig.defaults(), false,
                (c, in, out) -> new DpoTraining(c, in.device(), in.commandLine(), in.log()).run(in.sft(), null, in.comparisons(), List.of(), out).model()));
        register(new Managed<>("kto", "KTO on the comparisons split into desirable and undesirable replies (no reward model), the SFT policy as the reference",
                KtoConfig.class, KtoConfig.defaults(), false,
                (c, in, out) -> new KtoTraining(c, in.device(), in.commandLine(), in.log()).run(in.sft(), null, in.comparisons(), List.of(), out).model()));
    }

    private AlignmentMethods() {}

    private static void register(AlignmentMethod m) {
        METHODS.put(m.name(), m);
    }

    public static List<String> names() {
        return List.copyOf(METHODS.keySet());
    }

    /** The method called {@code name}; a one-line error listing the known ones otherwise. */
    public static AlignmentMethod named(String name) {
        AlignmentMethod m = METHODS.get(name);
        if (m == null) throw new UserError("unknown method \"" + name + "\" (known: " + String.join(", ", METHODS.keySet()) + ")");
        return m;
    }

    /** The configuration a method runs with: {@code seeded} (its defaults with the comparison's seed), with the fields of the method's config file over it. */
    public static <T> T config(AlignmentMethod.Inputs in, Class<T> type, T seeded) {
        return in.configFile() == null ? seeded : RunFiles.readConfig(in.configFile(), type, seeded);
    }

    /**
     * {@code config} with some of its JSON fields replaced (each method's record names its seed and
     * step count differently, and not every record has a {@code with} for them).
     */
    static <T> T with(T config, Class<T> type, java.util.Map<String, ?> fields) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = RunFiles.JSON.valueToTree(config);
        fields.forEach((k, v) -> {
            if (!tree.has(k)) throw new IllegalArgumentException(type.getSimpleName() + " has no field " + k);
            tree.set(k, RunFiles.JSON.valueToTree(v));
        });
        try {
            return RunFiles.JSON.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A method with a config record and a managed run: its defaults with the comparison's seed
     * (and a config file's fields over them). Online methods (GRPO, RLOO) sample from the training
     * prompts, with {@code max_steps} from the inputs' steps; offline ones (DPO, KTO) train on the
     * comparisons for their own epochs.
     */
    static final class Managed<C> implements AlignmentMethod {
        interface Run<C> {
            Path run(C config, Inputs in, Path out) throws java.io.IOException;
        }

        private final String name, description;
        private final Class<C> type;
        private final C defaults;
        private final boolean online;
        private final Run<C> run;

        Managed(String name, String description, Class<C> type, C defaults, boolean online, Run<C> run) {
            this.name = name;
            this.description = description;
            this.type = type;
            this.defaults = defaults;
            this.online = online;
            this.run = run;
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        public Trained train(Inputs in, Path out) throws java.io.IOException {
            if (!online && in.comparisons().isEmpty()) throw new UserError(name + " trains on comparisons: give --data (or --demo with its data/)");
            C c = config(in, type, with(defaults, type, java.util.Map.of("seed", in.seed())));
            if (online && in.steps() > 0) c = with(c, type, java.util.Map.of("max_steps", in.steps()));
            return Trained.policy(run.run(c, in, out), out);
        }

        static org.rlhf4j.align.online.OnlineTraining.Inputs online(Inputs in) {
            return new org.rlhf4j.align.online.OnlineTraining.Inputs(in.reward(), in.prompts(), List.of(), null);
        }
    }

    /** The SFT policy itself: the baseline every row is measured against. */
    static final class Sft implements AlignmentMethod {
        public String name() {
            return "sft";
        }

        public String description() {
            return "the SFT policy itself, sampled at temperature 1 (the baseline)";
        }

        public Trained train(Inputs in, Path out) {
            return Trained.policy(in.sft(), null);
        }
    }

    /** Best-of-n at evaluation time: no training, n samples per prompt, the reward model's pick. */
    static final class BestOfN implements AlignmentMethod {
        public String name() {
            return "best-of-n";
        }

        public String description() {
            return "n samples of the SFT policy per prompt, the reward model's pick (no training; KL is the bound ln n - (n-1)/n)";
        }

        public Trained train(Inputs in, Path out) {
            BestOfNConfig c = config(in, BestOfNConfig.class, BestOfNConfig.defaults().withSeed(in.seed()));
            return new Trained(in.sft(), c.sampleSize(), null);
        }
    }

    /** Rejection-sampling fine-tuning: SFT on the reward model's best of n on the training prompts. */
    static final class Rsft implements AlignmentMethod {
        public String name() {
            return "rsft";
        }

        public String description() {
            return "rejection-sampling fine-tuning: SFT on the reward model's best of n samples per training prompt (Llama 2)";
        }

        public Trained train(Inputs in, Path out) throws java.io.IOException {
            BestOfNConfig c = config(in, BestOfNConfig.class, BestOfNConfig.defaults().withSeed(in.seed()));
            var sft = RejectionSamplingTraining.defaultSft();
            sft = sft.withTraining(sft.training().withSeed(in.seed()));
            var r = new RejectionSamplingTraining(c, sft, in.device(), in.commandLine(), in.log()).run(in.sft(), in.reward(), in.prompts(), out);
            return Trained.policy(r.model(), out.resolve("sft"));
        }
    }

    /** PPO against the reward model (TRL's classic PPOTrainer). */
    static final class Ppo implements AlignmentMethod {
        public String name() {
            return "ppo";
        }

        public String description() {
            return "PPO against the reward model, value head, KL penalty to the SFT policy (TRL's classic PPOTrainer)";
        }

        public Trained train(Inputs in, Path out) throws java.io.IOException {
            PpoConfig c = config(in, PpoConfig.class, PpoConfig.defaults().withSeed(in.seed()));
            if (in.steps() > 0) c = c.withSteps(in.steps());
            var inputs = new PpoTraining.Inputs(in.reward(), in.prompts(), List.of(), null);
            PpoTraining.Result r = new PpoTraining(c, in.device(), in.commandLine(), in.log()).run(in.sft(), null, inputs, out);
            return Trained.policy(r.model(), out);
        }
    }
}
