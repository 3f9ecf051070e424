package org.rlhf4j.server.clips;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rlhf4j.control.preference.Segment;
import org.rlhf4j.server.project.ItemJson;

/**
 * A clip as the annotation page draws it, stored as one of a clips item's two responses:
 * <pre>
 * {"env": "CartPole-v1", "episode": 7, "start": 40, "length": 25, "realSteps": 25,
 *  "observations": [[x, x_dot, theta, theta_dot], ...],   (realSteps rows, 5 decimals)
 *  "actions": [0, 1, ...]}                                  (realSteps; a discrete action's index)
 * </pre>
 * Steps from {@code realSteps} to {@code length} are after the episode terminated (the pole fell
 * or the cart left the track); the page shows them as "episode over".
 */
public final class ClipJson {
    private ClipJson() {
    }

    public static String of(String environmentId, Segment s) {
        ObjectNode o = ItemJson.JSON.createObjectNode();
        o.put("env", environmentId).put("episode", s.episode()).put("start", s.start()).put("length", s.length()).put("realSteps", s.realSteps());
        ArrayNode observations = o.putArray("observations");
        for (int t = 0; t < s.realSteps(); t++) {
            ArrayNode row = observations.addArray();
            for (int i = 0; i < s.observationSize(); i++) row.add(Math.round(s.observations()[t * s.observationSize() + i] * 1e5) / 1e5);
        }
        ArrayNode actions = o.putArray("actions");
        for (int t = 0; t < s.realSteps(); t++) {
            for (int i = 0; i < s.actionSize(); i++) actions.add(Math.round(s.actions()[t * s.actionSize() + i] * 1e5) / 1e5);
        }
        return o.toString();
    }
}
