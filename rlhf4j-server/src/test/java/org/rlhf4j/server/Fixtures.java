package org.rlhf4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Projects and item files the tests share. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Creates a project through the admin form and returns its id. */
    public static long project(WebClient admin, String name, String kind, int overlap, String criteria) {
        WebClient.Reply r = admin.postForm("/admin/projects", Map.of("name", name, "kind", kind, "overlap", Integer.toString(overlap),
                "lease_seconds", "600", "criteria", criteria, "guidelines", "# Guidelines\nPick the **better** reply.\n<script>alert(1)</script>"));
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        Matcher m = Pattern.compile("/admin/projects/(\\d+)").matcher(r.raw().headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    public static void importItems(WebClient admin, long project, String jsonl) {
        WebClient.Reply r = admin.upload("/admin/projects/" + project + "/items", "items.jsonl", jsonl.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** Rows in every table, and the answers' total length: equal before and after means a request changed nothing. */
    public static Map<String, Long> rowCounts(TestServer t) {
        return t.server.database().transaction(c -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (String table : java.util.List.of("users", "sessions", "projects", "items", "leases", "answers", "audit_log", "project_members")) {
                try (java.sql.ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
            try (java.sql.ResultSet r = c.createStatement().executeQuery("SELECT COALESCE(SUM(LENGTH(answer)), 0) + COALESCE(SUM(LENGTH(skip_reason)), 0) FROM answers")) {
                r.next();
                counts.put("answer text", r.getLong(1));
            }
            return counts;
        });
    }

    /**
     * The answers rows as the database holds them: ids, answers per item, (item, user) pairs seen
     * more than once, and items whose kept {@code answer_count} differs from their answer rows.
     */
    public record StoredAnswers(java.util.Set<Long> ids, Map<Long, Long> perItem, java.util.List<String> repeatedItemAndUser, java.util.List<String> driftedCounts) {
    }

    public static StoredAnswers storedAnswers(org.rlhf4j.server.db.Database db) {
        return db.transaction(c -> {
            java.util.Set<Long> ids = new java.util.HashSet<>();
            Map<Long, Long> perItem = new java.util.HashMap<>();
            java.util.Set<String> pairs = new java.util.HashSet<>();
            java.util.List<String> repeated = new java.util.ArrayList<>();
            try (java.sql.ResultSet r = c.createStatement().executeQuery("SELECT id, item_id, user_id FROM answers")) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                    perItem.merge(r.getLong(2), 1L, Long::sum);
                    if (!pairs.add(r.getLong(2) + "/" + r.getLong(3))) repeated.add("item " + r.getLong(2) + ", user " + r.getLong(3));
                }
            }
            java.util.List<String> drifted = new java.util.ArrayList<>();
            try (java.sql.ResultSet r = c.createStatement().executeQuery("SELECT i.id, i.answer_count, (SELECT COUNT(*) FROM answers a WHERE a.item_id = i.id AND a.answer IS NOT NULL) FROM items i")) {
                while (r.next()) {
                    if (r.getLong(2) != r.getLong(3)) drifted.add("item " + r.getLong(1) + " keeps " + r.getLong(2) + " but has " + r.getLong(3) + " answers");
                }
            }
            return new StoredAnswers(ids, perItem, repeated, drifted);
        });
    }

    /** {@code n} comparison items {@code q0..}; responses differ in length so length bias is defined. */
    public static String comparisons(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"id\": \"q").append(i).append("\", \"prompt\": \"Where is my order ").append(1000 + i).append("?\", \"responses\": [\"It ships today.\", \"Your order ")
                    .append(1000 + i).append(" left our warehouse this morning and arrives Friday.\"]}\n");
        }
        return b.toString();
    }
}
