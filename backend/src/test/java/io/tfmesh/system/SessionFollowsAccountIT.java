package io.tfmesh.system;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.TestAccount;
import io.tfmesh.system.DashboardAccessMatrixIT.Session;
import org.junit.jupiter.api.Test;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static io.tfmesh.system.DashboardAccessMatrixIT.locationPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dashboard session lasts only as long as the account it logged in as: an admin who is
 * demoted, disabled, given a new password or deleted loses a live session on its next request,
 * as its HTTP Basic credentials and API tokens do.
 */
class SessionFollowsAccountIT extends IntegrationTestSupport {

	private static final String USERS = "/api/v1/users";

	@Test
	void aDemotedAdminsSessionEnds() {
		assertSessionEndsWhen(account -> change(account, Map.of("role", "viewer", "enabled", true, "version", 0)));
	}

	@Test
	void aDisabledAdminsSessionEnds() {
		assertSessionEndsWhen(account -> change(account, Map.of("role", "admin", "enabled", false, "version", 0)));
	}

	@Test
	void aRepasswordedAdminsSessionEnds() {
		assertSessionEndsWhen(account -> change(account,
				Map.of("role", "admin", "enabled", true, "password", "a-brand-new-password", "version", 0)));
	}

	@Test
	void aDeletedAdminsSessionEndsAndCannotCreateAnAccount() {
		TestAccount deleted = Fixtures.account(api, "admin");
		Session session = Session.logIn(baseUrl(), deleted.username(), deleted.password());
		assertThat(session.send("GET", "/users", Map.of()).statusCode()).isEqualTo(200);

		assertThat(api.asAdmin().delete(USERS + "/" + deleted.id()).status()).isEqualTo(204);

		String created = unique("ghost");
		HttpResponse<String> create = session.send("POST", "/users",
				Map.of("username", created, "password", "password-" + created, "role", "ADMIN", "enabled", "true"));
		assertRefused(create);
		assertThat(api.asAdmin().get(USERS + "?q=" + created).json().get("totalItems").asLong()).isZero();
		assertThat(api.asAdmin().get("/api/v1/audit?actor=" + deleted.username() + "&objectType=user").body())
			.doesNotContain(created);
		assertRedirectedToLogin(session.send("GET", "/users", Map.of()));
	}

	@Test
	void aChangeToAnotherAccountLeavesTheSessionAlone() {
		TestAccount admin = Fixtures.account(api, "admin");
		Session session = Session.logIn(baseUrl(), admin.username(), admin.password());
		TestAccount other = Fixtures.account(api, "viewer");
		change(other, Map.of("role", "operator", "enabled", true, "version", 0));
		assertThat(session.send("GET", "/users", Map.of()).statusCode()).isEqualTo(200);
	}

	@Test
	void changingYourOwnPasswordKeepsThisSessionAndEndsTheOthers() {
		TestAccount viewer = Fixtures.account(api, "viewer");
		Session here = Session.logIn(baseUrl(), viewer.username(), viewer.password());
		Session elsewhere = Session.logIn(baseUrl(), viewer.username(), viewer.password());

		HttpResponse<String> changed = here.send("POST", "/account/password", Map.of("currentPassword",
				viewer.password(), "newPassword", "my-own-new-password", "repeatPassword", "my-own-new-password"));
		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(locationPath(changed)).isEqualTo("/account");

		assertThat(here.send("GET", "/account", Map.of()).statusCode()).isEqualTo(200);
		assertRedirectedToLogin(elsewhere.send("GET", "/account", Map.of()));
	}

	@Test
	void basicCredentialsAndTokensFollowTheAccountToo() {
		TestAccount admin = Fixtures.account(api, "admin");
		Api.Response token = admin.client().post("/api/v1/tokens", Map.of("name", unique("token")));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		Api bearer = api.bearer(token.json().get("token").asString());
		assertThat(bearer.get(USERS).status()).isEqualTo(200);

		change(admin, Map.of("role", "viewer", "enabled", true, "version", 0));
		assertProblem(bearer.get(USERS), 403, "forbidden");
		assertProblem(admin.client().get(USERS), 403, "forbidden");

		change(admin, Map.of("role", "viewer", "enabled", false, "version", 1));
		assertProblem(bearer.get("/api/v1/clouds"), 401, "unauthenticated");
		assertProblem(admin.client().get("/api/v1/clouds"), 401, "unauthenticated");
	}

	private void assertSessionEndsWhen(Consumer<TestAccount> change) {
		TestAccount admin = Fixtures.account(api, "admin");
		Session session = Session.logIn(baseUrl(), admin.username(), admin.password());
		assertThat(session.send("GET", "/users", Map.of()).statusCode()).isEqualTo(200);

		change.accept(admin);

		assertRedirectedToLogin(session.send("GET", "/users", Map.of()));
		assertRedirectedToLogin(session.send("GET", "/", Map.of()));
	}

	private void change(TestAccount account, Map<String, Object> update) {
		Api.Response changed = api.asAdmin().put(USERS + "/" + account.id(), update);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
	}

	private static void assertRedirectedToLogin(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(302);
		assertThat(locationPath(response)).isEqualTo("/login");
	}

	/** A login page or a 403, never the redirect that follows a created account. */
	private static void assertRefused(HttpResponse<String> response) {
		if (response.statusCode() == 302) {
			assertThat(locationPath(response)).isEqualTo("/login");
		}
		else {
			assertThat(response.statusCode()).isEqualTo(403);
		}
	}

	private String baseUrl() {
		return "http://localhost:" + port;
	}

}
