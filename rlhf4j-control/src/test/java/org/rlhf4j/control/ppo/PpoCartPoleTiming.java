package org.rlhf4j.control.ppo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rlhf4j.control.ppo.PpoCartPoleBenchmark.Run;
import org.rlhf4j.control.ppo.PpoCartPoleBenchmark.Settings;
import org.rlhf4j.control.ppo.PpoCartPoleBenchmark.Summary;

/**
 * {@link PpoCartPoleBenchmark} without the fat jar (a diagnostic main, not a test); {@code -Dfull=true}
 * trains every run to 100k steps instead of stopping at 475. {@code rlhf4j bench control} is the
 * usual way to run it.
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat cp.txt) \
 *       org.rlhf4j.control.ppo.PpoCartPoleTiming [rounds] [seeds...]
 * </pre>
 */
public final class PpoCartPoleTiming {
    public static void main(String[] args) {
        Settings defaults = Settings.defaults();
        Settings settings = new Settings(args.length > 0 ? Integer.parseInt(args[0]) : defaults.rounds(),
                args.length > 1 ? Arrays.stream(args, 1, args.length).map(Long::valueOf).toList() : defaults.seeds(), defaults.maxSteps(),
                !Boolean.getBoolean("full"));
        List<Run> runs = PpoCartPoleBenchmark.run(settings, run -> System.out.println(run.describe()));
        print("round 1", Summary.firstRound(runs));
        print("later rounds", Summary.laterRounds(runs));
    }

    private static void print(String label, Summary s) {
        System.out.printf(Locale.ROOT, "%s: %d/%d reached 475; medians %.0f steps to 475, %.2f s to 475, %.0f steps/s%n", label,
                s.reachedTarget(), s.runs(), s.medianStepsToTarget(), s.medianSecondsToTarget(), s.medianStepsPerSecond());
    }
}
