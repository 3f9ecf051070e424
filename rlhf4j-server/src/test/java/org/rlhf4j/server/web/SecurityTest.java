package org.rlhf4j.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlhf4j.server.Fixtures;
import org.rlhf4j.server.TestServer;
import org.rlhf4j.server.WebClient;

/**
 * A table of attacks against the real server on loopback. Each must get its exact refusal, and
 * afterwards the database must hold exactly what it held before (rows counted in every table).
 */
class SecurityTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static TestServer t;
    static WebClient admin, alice, bob;
    static long project, aliceItem, bobAnswer, restricted, aliceRestrictedItem;

    @BeforeAll
    static void start() throws Exception {
        t = TestServer.sqlite(tmp);
        t.annotator("alice");
        t.annotator("bob");
        admin = t.login(TestServer.ADMIN);
        project = Fixtures.project(admin, "secure", "comparison", 1, "");
        Fixtures.importItems(admin, project, Fixtures.comparisons(4));
        alice = t.login("alice");
        bob = t.login("bob");
        aliceItem = JSON.readTree(alice.get("/api/projects/" + project + "/next").body()).get("item").get("id").asLong();
        long bobItem = JSON.readTree(bob.get("/api/projects/" + project + "/next").body()).get("item").get("id").asLong();
        WebClient.Reply r = bob.postJson("/api/projects/" + project + "/items/" + bobItem + "/answer", "{\"answer\": {\"choice\": \"a\"}}");
        bobAnswer = JSON.readTree(r.body()).get("answerId").asLong();
        // a project only alice may work on
        restricted = Fixtures.project(admin, "members only", "comparison", 1, "");
        Fixtures.importItems(admin, restricted, Fixtures.comparisons(3));
        WebClient.Reply added = admin.postForm("/admin/projects/" + restricted + "/members", Map.of("username", "alice"));
        assertThat(added.status()).as(added.body()).isEqualTo(303);
        aliceRestrictedItem = JSON.readTree(alice.get("/api/projects/" + restricted + "/next").body()).get("item").get("id").asLong();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    record Attack(String name, Function<WebClient, WebClient.Reply> request, WebClient as, int status, String message) {
    }

    static String answerPath(long item) {
        return "/api/projects/" + project + "/items/" + item + "/answer";
    }

    List<Attack> attacks() {
        WebClient anonymous = new WebClient(t.base);
        List<Attack> a = new ArrayList<>();
        a.add(new Attack("answer without a CSRF token", c -> c.postJson(answerPath(aliceItem), "{\"answer\": {\"choice\": \"a\"}}", null), alice, 403, "CSRF"));
        a.add(new Attack("answer with another session's CSRF token", c -> c.postJson(answerPath(aliceItem), "{\"answer\": {\"choice\": \"a\"}}", bob.csrf), alice, 403, "CSRF"));
        a.add(new Attack("form post without a CSRF token", c -> c.postForm("/admin/projects", Map.of("csrf", "", "name", "x", "kind", "rating")), admin, 403, "CSRF"));
        a.add(new Attack("answer from another origin", c -> c.send(HttpRequest.newBuilder(URI.create(t.base + answerPath(aliceItem))).header("Content-Type", "application/json")
                .header("X-CSRF-Token", alice.csrf).header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString("{\"answer\": {\"choice\": \"a\"}}"))), alice, 403, "another origin"));
        a.add(new Attack("bob answers alice's leased item", c -> c.postJson(answerPath(aliceItem), "{\"answer\": {\"choice\": \"a\"}}"), bob, 404, "not leased to you"));
        a.add(new Attack("alice reads bob's answer by id", c -> c.get("/api/answers/" + bobAnswer), alice, 404, "no answer " + bobAnswer));
        a.add(new Attack("alice skips bob's answered item", c -> c.postJson("/api/projects/" + project + "/items/" + (aliceItem + 1) + "/skip", "{\"reason\": \"x\"}"), alice, 404, "not leased to you"));
        a.add(new Attack("not logged in: next item", c -> c.get("/api/projects/" + project + "/next"), anonymous, 401, "log in first"));
        a.add(new Attack("not logged in: answer", c -> c.postJson(answerPath(aliceItem), "{\"answer\": {\"choice\": \"a\"}}", "x"), anonymous, 401, "log in first"));
        a.add(new Attack("forged session cookie", c -> c.send(HttpRequest.newBuilder(URI.create(t.base + "/api/projects/" + project + "/next"))
                .header("Cookie", "rlhf4j_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").GET()), anonymous, 401, "log in first"));
        a.add(new Attack("annotator opens the admin page", c -> c.get("/admin"), alice, 403, "for admins"));
        a.add(new Attack("annotator exports", c -> c.get("/admin/projects/" + project + "/export?format=feedback"), alice, 403, "for admins"));
        a.add(new Attack("annotator reads the dashboard", c -> c.get("/admin/projects/" + project), alice, 403, "for admins"));
        a.add(new Attack("annotator creates a project", c -> c.postForm("/admin/projects", Map.of("name", "mine", "kind", "rating")), alice, 403, "for admins"));
        a.add(new Attack("annotator creates an admin", c -> c.postForm("/admin/users", Map.of("username", "eve", "password", "0123456789ab", "role", "admin")), alice, 403, "for admins"));
        a.add(new Attack("annotator imports items", c -> c.upload("/admin/projects/" + project + "/items", "x.jsonl", Fixtures.comparisons(1).getBytes()), alice, 403, "for admins"));
        a.add(new Attack("annotator reads the audit log", c -> c.get("/admin/audit"), alice, 403, "for admins"));
        for (String injection : List.of("1 OR 1=1", "1;DROP TABLE answers", "1' OR '1'='1", "-1")) {
            String enc = java.net.URLEncoder.encode(injection, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
            a.add(new Attack("SQL injection in the project id: " + injection, c -> c.get("/api/projects/" + enc + "/next"), alice, 400, "project must be a number"));
            a.add(new Attack("SQL injection in the item id: " + injection, c -> c.postJson("/api/projects/" + project + "/items/" + enc + "/answer", "{\"answer\": {\"choice\": \"a\"}}"), alice, 400, "item must be a number"));
            a.add(new Attack("SQL injection in the answer id: " + injection, c -> c.get("/api/answers/" + enc), alice, 400, "answer must be a number"));
        }
        a.add(new Attack("SQL injection in the choice", c -> c.postJson(answerPath(aliceItem), "{\"answer\": {\"choice\": \"a'); DELETE FROM answers; --\"}}"), alice, 400, "choice must be one of"));
        a.add(new Attack("SQL injection in the export format", c -> c.get("/admin/projects/" + project + "/export?format=feedback'%20OR%201=1"), admin, 400, "format must be feedback, trl or hh"));
        a.add(new Attack("SQL injection in the login name", c -> c.login("admin' --", "x"), anonymous, 401, "wrong username or password"));
        a.add(new Attack("oversized answer body", c -> c.postJson(answerPath(aliceItem), "{\"answer\": {\"choice\": \"a\"}, \"pad\": \"" + "x".repeat(2 << 20) + "\"}"), alice, 413, "larger than"));
        a.add(new Attack("login without the form's token", c -> c.postForm("/login", Map.of("username", "alice", "password", TestServer.PASSWORD)), anonymous, 403, "login form has expired"));
        String members = "/admin/projects/" + restricted + "/members";
        a.add(new Attack("non-member asks for the next item", c -> c.get("/api/projects/" + restricted + "/next"), bob, 404, "no project " + restricted));
        a.add(new Attack("non-member opens the annotation page", c -> c.get("/projects/" + restricted + "/annotate"), bob, 404, "no project " + restricted));
        a.add(new Attack("non-member answers a member's leased item", c -> c.postJson("/api/projects/" + restricted + "/items/" + aliceRestrictedItem + "/answer", "{\"answer\": {\"choice\": \"a\"}}"), bob, 404, "no project " + restricted));
        a.add(new Attack("non-member skips a member's leased item", c -> c.postJson("/api/projects/" + restricted + "/items/" + aliceRestrictedItem + "/skip", "{\"reason\": \"x\"}"), bob, 404, "no project " + restricted));
        a.add(new Attack("non-member undoes in the project", c -> c.postJson("/api/projects/" + restricted + "/undo", "{}"), bob, 404, "no project " + restricted));
        a.add(new Attack("non-member lists the project's answers", c -> c.get("/api/projects/" + restricted + "/answers"), bob, 404, "no project " + restricted));
        a.add(new Attack("annotator adds themself as a member", c -> c.postForm(members, Map.of("username", "bob")), bob, 403, "for admins"));
        a.add(new Attack("member removes another member", c -> c.postForm(members + "/remove", Map.of("username", "alice")), alice, 403, "for admins"));
        a.add(new Attack("member add without a CSRF token", c -> c.postForm(members, Map.of("csrf", "", "username", "bob")), admin, 403, "CSRF"));
        a.add(new Attack("an admin as a member", c -> c.postForm(members, Map.of("username", TestServer.ADMIN)), admin, 400, "admins see every project already"));
        a.add(new Attack("an unknown account as a member", c -> c.postForm(members, Map.of("username", "nobody")), admin, 404, "no account named nobody"));
        a.add(new Attack("SQL injection in the member's name", c -> c.postForm(members, Map.of("username", "bob' OR '1'='1")), admin, 404, "no account named bob"));
        a.add(new Attack("a member added twice", c -> c.postForm(members, Map.of("username", "alice")), admin, 409, "alice is already a member"));
        a.add(new Attack("removing a non-member", c -> c.postForm(members + "/remove", Map.of("username", "bob")), admin, 409, "bob is not a member"));
        a.add(new Attack("removing the last member", c -> c.postForm(members + "/remove", Map.of("username", "alice")), admin, 409, "removing them would open it to every annotator"));
        a.add(new Attack("oversized member name", c -> c.postForm(members, Map.of("username", "b".repeat(65))), admin, 400, "username must have at most 64"));
        a.add(new Attack("setup after an admin exists", c -> c.postForm("/setup", Map.of("token", "x", "username", "eve", "password", "0123456789ab")), anonymous, 410, "setup is done"));
        return a;
    }

    @Test
    void everyAttackIsRefusedExactlyAndChangesNothing() throws Exception {
        for (Attack attack : attacks()) {
            Map<String, Long> before = rowCounts();
            WebClient.Reply r = attack.request().apply(attack.as());
            assertThat(r.status()).as(attack.name() + ": " + r.body()).isEqualTo(attack.status());
            assertThat(r.body()).as(attack.name()).contains(attack.message());
            assertThat(rowCounts()).as(attack.name() + " changed the database").isEqualTo(before);
        }
    }

    @Test
    void membersSeeTheirProjectsOnlyAndARemovedMemberLosesTheirLease() throws Exception {
        t.annotator("dora");
        t.annotator("ezra");
        WebClient dave = t.login("dora"), erin = t.login("ezra");
        long team = Fixtures.project(admin, "team", "comparison", 1, "");
        Fixtures.importItems(admin, team, Fixtures.comparisons(2));
        assertThat(dave.get("/projects").body()).as("no members yet: open to everyone").contains("team");
        for (String who : List.of("dora", "ezra")) assertThat(admin.postForm("/admin/projects/" + team + "/members", Map.of("username", who)).status()).isEqualTo(303);
        assertThat(admin.get("/admin/projects/" + team).body()).contains("Only these annotators (and admins) see this project: dora, ezra.");
        assertThat(bob.get("/projects").body()).as("bob is no member").doesNotContain("team").contains("secure").doesNotContain("members only");
        assertThat(alice.get("/projects").body()).contains("members only");
        long daveItem = JSON.readTree(dave.get("/api/projects/" + team + "/next").body()).get("item").get("id").asLong();
        assertThat(admin.postForm("/admin/projects/" + team + "/members/remove", Map.of("username", "dora")).status()).isEqualTo(303);
        WebClient.Reply late = dave.postJson("/api/projects/" + team + "/items/" + daveItem + "/answer", "{\"answer\": {\"choice\": \"a\"}}");
        assertThat(late.status()).isEqualTo(404);
        assertThat(late.body()).contains("no project " + team);
        assertThat(JSON.readTree(erin.get("/api/projects/" + team + "/next").body()).get("item").get("id").asLong()).as("dave's lease ended with his membership").isEqualTo(daveItem);
        assertThat(admin.get("/admin/audit").body()).contains("project.member.add").contains("project.member.remove");
    }

    @Test
    void loginBruteForceIsThrottledAfterFiveFailuresEvenWithTheRightPassword() {
        t.annotator("carol");
        WebClient c = new WebClient(t.base);
        for (int i = 0; i < 5; i++) assertThat(c.login("carol", "wrong password " + i).status()).isEqualTo(401);
        WebClient.Reply r = c.login("carol", TestServer.PASSWORD);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(r.body()).contains("too many failed logins");
    }

    @Test
    void pagesCarrySecurityHeadersAndCookiesAreHttpOnlyAndStrict() {
        WebClient c = new WebClient(t.base);
        WebClient.Reply login = c.get("/login");
        for (WebClient.Reply r : List.of(login, c.get("/static/app.js"), alice.get("/api/projects/" + project + "/next"))) {
            var h = r.raw().headers();
            assertThat(h.firstValue("Content-Security-Policy")).hasValue(RequestGuard.CSP);
            assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(c.get("/static/app.js").raw().headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(c.get("/static/app.css").raw().headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(RequestGuard.CSP).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(login.raw().headers().allValues("Set-Cookie")).allMatch(v -> v.contains("HttpOnly") && v.contains("SameSite=Strict"));
        WebClient d = new WebClient(t.base);
        WebClient.Reply in = d.login("alice", TestServer.PASSWORD);
        assertThat(in.raw().headers().allValues("Set-Cookie")).anyMatch(v -> v.startsWith("rlhf4j_session=") && v.contains("HttpOnly") && v.contains("SameSite=Strict") && !v.contains("Secure"));
    }

    @Test
    void afterLogoutTheOldSessionCookieOpensNothing() {
        t.annotator("dave");
        WebClient dave = t.login("dave");
        String cookie = dave.http.cookieHandler().map(h -> ((java.net.CookieManager) h).getCookieStore().getCookies().stream()
                .filter(k -> k.getName().equals("rlhf4j_session")).findFirst().orElseThrow().getValue()).orElseThrow();
        assertThat(dave.get("/api/projects/" + project + "/next").status()).isEqualTo(200);
        assertThat(dave.postForm("/logout", Map.of()).status()).isEqualTo(303);
        WebClient replay = new WebClient(t.base);
        WebClient.Reply r = replay.send(HttpRequest.newBuilder(URI.create(t.base + "/api/projects/" + project + "/next")).header("Cookie", "rlhf4j_session=" + cookie).GET());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("log in first");
    }

    @Test
    void cookiesAreSecureWhenTheAppIsServedOverTls() throws Exception {
        try (TestServer tls = TestServer.start(TestServer.config(org.rlhf4j.server.db.DatabaseLocation.sqlite(tmp.resolve("tls.db"))).withSecureCookies(true))) {
            WebClient c = new WebClient(tls.base);
            assertThat(c.get("/login").raw().headers().allValues("Set-Cookie")).allMatch(v -> v.contains("; Secure"));
        }
    }

    @Test
    void scriptInDataAndGuidelinesIsServedAsText() throws Exception {
        String page = alice.get("/projects/" + project + "/annotate").body();
        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page.replace("<script src=\"/static/app.js\" defer></script>", "")).doesNotContain("<script");
    }

    static Map<String, Long> rowCounts() {
        return Fixtures.rowCounts(t);
    }
}
