package org.rlhf4j.align.dpo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlhf4j.align.offline.OfflineReport;
import org.rlhf4j.core.run.MetricNames;

/**
 * What a DPO run's metrics say in plain words. The one every DPO user meets: both log-probs
 * falling (TRL issue #800). The loss only asks the chosen reply to gain on the rejected one, so
 * pushing both down, the rejected faster, also lowers it; the policy then moves probability to
 * replies in neither set. The NLL term on the chosen replies (RPO, {@code rpo_alpha}) holds them up.
 */
public final class DpoDoctor {
    /** A fall of more than this many nats per reply, first tenth of the run against the last, counts. */
    static final double FALL_NATS = 1.0;

    private DpoDoctor() {}

    public static List<String> examine(List<Map<String, Object>> metrics, DpoConfig config) {
        List<String> out = new ArrayList<>();
        double[] chosen = OfflineReport.firstAndLast(metrics, MetricNames.Dpo.LOGPS_CHOSEN, 0.1);
        double[] rejected = OfflineReport.firstAndLast(metrics, MetricNames.Dpo.LOGPS_REJECTED, 0.1);
        if (chosen[0] - chosen[1] > FALL_NATS && rejected[0] - rejected[1] > FALL_NATS) {
            out.add(String.format(Locale.ROOT, "doctor: both log-probs are falling: logps/chosen %.1f -> %.1f and logps/rejected %.1f -> %.1f nats per reply. "
                            + "DPO only widens the gap between them, so the policy is moving probability to replies in neither set (TRL issue #800). "
                            + "Add the NLL term on the chosen replies (%s, RPO), or lower the learning rate or raise beta.",
                    chosen[0], chosen[1], rejected[0], rejected[1], config.rpoAlpha() > 0 ? "raise --rpo-alpha above " + config.rpoAlpha() : "--rpo-alpha 1"));
        }
        double[] accuracy = OfflineReport.firstAndLast(metrics, "eval/" + MetricNames.Dpo.REWARDS_ACCURACIES, 0.01);
        if (!Double.isNaN(accuracy[1]) && accuracy[1] <= 0.5) {
            out.add(String.format(Locale.ROOT, "doctor: the implicit reward ranks only %.1f%% of the held-out pairs right; the policy has not learnt the preferences "
                    + "(too few steps, too low a learning rate, or labels the model cannot tell apart).", 100 * accuracy[1]));
        }
        return out;
    }
}
