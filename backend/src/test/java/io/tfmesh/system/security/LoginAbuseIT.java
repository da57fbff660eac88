package io.tfmesh.system.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.TestAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing passwords: failed logins over the form, HTTP Basic and API tokens are logged and
 * audited with the client address, and after a few of them the account, or the client, is
 * refused with 429 (a message on the login page) for a while, without a password being checked;
 * successful dashboard logins are audited. The tests move the application's clock on, so that a
 * lockout ends without waiting for it.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginAbuseIT extends ProxiedApplicationSupport {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@BeforeEach
	void forgetEarlierFailures() {
		clock.advance(LOCKOUT.plusSeconds(1));
	}

	@Test
	void wrongBasicPasswordsLockTheAccountWithoutCheckingFurtherPasswords(CapturedOutput output) {
		TestAccount alice = Fixtures.account(api, "viewer");
		Api guess = api.basic(alice.username(), "not-the-password");
		for (int i = 0; i < 3; i++) {
			assertProblem(guess.get("/api/v1/clouds"), 401, "unauthenticated");
		}

		Api.Response refused = alice.client().get("/api/v1/clouds");
		JsonNode problem = assertProblem(refused, 429, "too-many-requests");
		assertThat(problem.get("detail").asString()).contains("Too many failed logins");
		assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(LOCKOUT.toSeconds()));
		assertProblem(guess.get("/api/v1/clouds"), 429, "too-many-requests");
		// another account from the same client is not locked with it
		TestAccount bob = Fixtures.account(api, "viewer");
		assertThat(bob.client().get("/api/v1/clouds").status()).isEqualTo(200);

		clock.advance(LOCKOUT.minusSeconds(1));
		assertProblem(alice.client().get("/api/v1/clouds"), 429, "too-many-requests");
		clock.advance(Duration.ofSeconds(1));
		assertThat(alice.client().get("/api/v1/clouds").status()).isEqualTo(200);

		assertThat(output.getOut()).contains("WARN")
			.contains("Failed basic login as '" + alice.username() + "' from 127.0.0.1: wrong username or password")
			.doesNotContain("BadCredentialsException");
		JsonNode audited = auditOf("login-failed", alice.username());
		assertThat(audited.get("totalItems").asLong()).isEqualTo(3);
		JsonNode state = audited.get("items").get(0).get("after");
		assertThat(state.get("address").asString()).isEqualTo("127.0.0.1");
		assertThat(state.get("method").asString()).isEqualTo("basic");
	}

	@Test
	void wrongTokensLockTheClient() {
		Api wrong = api.bearer("tfm_not-a-token");
		for (int i = 0; i < 8; i++) {
			assertProblem(wrong.get("/api/v1/clouds"), 401, "unauthenticated");
		}
		assertProblem(wrong.get("/api/v1/clouds"), 429, "too-many-requests");
		assertProblem(api.asAdmin().get("/api/v1/clouds"), 429, "too-many-requests");

		clock.advance(LOCKOUT);
		assertThat(api.asAdmin().get("/api/v1/clouds").status()).isEqualTo(200);
		JsonNode audited = auditOf("login-failed", "(api token)");
		assertThat(audited.get("totalItems").asLong()).isEqualTo(8);
		assertThat(audited.get("items").get(0).get("after").get("method").asString()).isEqualTo("token");
	}

	@Test
	void wrongFormPasswordsLockTheAccountAndTheLoginPageSaysSo() {
		TestAccount carol = Fixtures.account(api, "operator");
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> failed = formLogin(carol.username(), "wrong-password-" + i);
			assertThat(failed.headers().firstValue("Location").orElse("")).endsWith("/login?error");
		}
		HttpResponse<String> throttled = formLogin(carol.username(), carol.password());
		assertThat(throttled.statusCode()).isEqualTo(302);
		assertThat(throttled.headers().firstValue("Location").orElse("")).endsWith("/login?throttled=10");
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login?throttled=10")).GET());
		assertThat(page.statusCode()).as(page.headers() + page.body()).isEqualTo(200);
		assertThat(page.body()).contains("Too many failed logins for this account or from this address. Try again in 10 min.");

		JsonNode failures = auditOf("login-failed", carol.username());
		assertThat(failures.get("totalItems").asLong()).isEqualTo(3);
		assertThat(failures.get("items").get(0).get("after").get("method").asString()).isEqualTo("form");

		clock.advance(LOCKOUT);
		HttpResponse<String> success = formLogin(carol.username(), carol.password());
		assertThat(success.headers().firstValue("Location").orElse("")).isEqualTo(baseUrl() + "/");
		JsonNode logins = auditOf("login", carol.username());
		assertThat(logins.get("totalItems").asLong()).isEqualTo(1);
		assertThat(logins.get("items").get(0).get("after").get("address").asString()).isEqualTo("127.0.0.1");
	}

	@Test
	void theLoginPageAfterAPasswordThatCouldNotBeCheckedSaysUnavailableNotWrong() {
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login?unavailable")).GET());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("tfmesh is unavailable").doesNotContain("Wrong username or password");
	}

	private JsonNode auditOf(String action, String actor) {
		Api.Response entries = api.asAdmin().get("/api/v1/audit?action=" + action + "&objectType=login&actor="
				+ URLEncoder.encode(actor, StandardCharsets.UTF_8));
		assertThat(entries.status()).as(entries.toString()).isEqualTo(200);
		return entries.json();
	}

	/** Opens the login page for a session and its CSRF token, then posts the form. */
	private HttpResponse<String> formLogin(String username, String password) {
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).GET());
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		String form = "username=" + username + "&password=" + password + "&_csrf=" + csrf.group(1);
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
			.header("Cookie", cookie.substring(0, cookie.indexOf(';')))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String baseUrl() {
		return "http://localhost:" + port;
	}

}
