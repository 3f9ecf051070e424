package org.rlhf4j.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.server.FeedbackServer;
import org.rlhf4j.server.TestServer;
import org.rlhf4j.server.WebClient;
import org.rlhf4j.server.db.DatabaseLocation;

/** No default credentials: the first admin comes only from the one-time token the server prints at its first start. */
class SetupTest {
    @TempDir
    Path tmp;

    @Test
    void theOneTimeTokenCreatesTheFirstAdminAndThenExpires() {
        List<String> printed = new ArrayList<>();
        DatabaseLocation db = DatabaseLocation.sqlite(tmp.resolve("f.db"));
        try (FeedbackServer s = FeedbackServer.start(TestServer.config(db), printed::add)) {
            Matcher m = Pattern.compile("setup token: ([A-Za-z0-9_-]{43})").matcher(String.join("\n", printed));
            assertThat(m.find()).as(printed.toString()).isTrue();
            String token = m.group(1);
            WebClient c = new WebClient("http://127.0.0.1:" + s.port());
            assertThat(c.get("/").raw().headers().firstValue("Location")).hasValue("/setup");
            assertThat(c.get("/setup").body()).contains("Create the first admin");
            WebClient.Reply wrong = c.postForm("/setup", Map.of("token", token.substring(1) + "x", "username", "boss", "password", TestServer.PASSWORD));
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.body()).contains("wrong setup token");
            assertThat(s.accounts().anyAdmin()).isFalse();
            WebClient.Reply weak = c.postForm("/setup", Map.of("token", token, "username", "boss", "password", "short"));
            assertThat(weak.status()).isEqualTo(400);
            assertThat(s.accounts().anyAdmin()).isFalse();
            WebClient.Reply right = c.postForm("/setup", Map.of("token", token, "username", "boss", "password", TestServer.PASSWORD));
            assertThat(right.status()).as(right.body()).isEqualTo(303);
            assertThat(c.get("/admin").status()).as("logged in as the new admin").isEqualTo(200);
            assertThat(c.get("/admin/audit").body()).contains("setup").contains("first admin boss created with the setup token");
            WebClient.Reply reuse = new WebClient(c.base).postForm("/setup", Map.of("token", token, "username", "eve", "password", TestServer.PASSWORD));
            assertThat(reuse.status()).isEqualTo(410);
            assertThat(s.accounts().list()).extracting(u -> u.username()).containsExactly("boss");
        }
        List<String> second = new ArrayList<>();
        try (FeedbackServer s = FeedbackServer.start(TestServer.config(db), second::add)) {
            assertThat(String.join("\n", second)).as("an admin exists: no token at the next start").doesNotContain("setup token");
            assertThat(new WebClient("http://127.0.0.1:" + s.port()).get("/setup").status()).isEqualTo(410);
        }
    }
}
