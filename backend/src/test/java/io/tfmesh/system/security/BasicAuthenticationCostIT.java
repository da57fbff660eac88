package io.tfmesh.system.security;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.TestAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What HTTP Basic costs: a bcrypt round per password checked, counted by the
 * {@code tfmesh.security.password.checks} metric. Public paths check none, whatever credentials
 * they are sent; verified credentials are taken again without a check until their account
 * changes or they expire; a client that keeps failing is refused with 429 before any check.
 */
@ExtendWith(OutputCaptureExtension.class)
class BasicAuthenticationCostIT extends ProxiedApplicationSupport {

	/** {@code tfmesh.security.basic-cache.ttl}'s default. */
	private static final Duration CACHED_FOR = Duration.ofMinutes(5);

	@Autowired
	private MeterRegistry meters;

	@BeforeEach
	void forgetEarlierFailures() {
		clock.advance(LOCKOUT.plusSeconds(1));
	}

	@Test
	void wrongCredentialsOnPublicPathsCostNoPasswordCheck() {
		TestAccount alice = Fixtures.account(api, "viewer");
		Api wrong = api.basic(alice.username(), "not-the-password");
		Api stranger = api.basic(unique("nobody"), "whatever-password");

		double before = passwordChecks();
		for (int i = 0; i < 20; i++) {
			for (Api client : new Api[] { wrong, stranger }) {
				assertThat(client.get("/actuator/health").status()).isEqualTo(200);
				assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(200);
				assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);
				assertThat(client.get("/login").status()).isEqualTo(200);
				assertThat(client.get("/js/app.js").status()).isEqualTo(200);
			}
		}
		assertThat(passwordChecks()).isEqualTo(before);

		// the same credentials on the API are checked, and refused: the counter counts
		assertProblem(wrong.get("/api/v1/clouds"), 401, "unauthenticated");
		assertThat(passwordChecks()).isEqualTo(before + 1);
	}

	@Test
	void healthTakesNoBasicCredentialsButShowsDetailsToAnAdminToken() {
		JsonNode withBasic = api.asAdmin().get("/actuator/health").json();
		assertThat(withBasic.get("status").asString()).isEqualTo("UP");
		assertThat(withBasic.has("components")).as(withBasic.toString()).isFalse();

		String token = api.asAdmin().post("/api/v1/tokens", Map.of("name", unique("health"))).json().get("token")
			.asString();
		double before = passwordChecks();
		JsonNode withToken = api.bearer(token).get("/actuator/health").json();
		assertThat(withToken.path("components").path("db").path("status").asString()).as(withToken.toString())
			.isEqualTo("UP");
		assertThat(passwordChecks()).isEqualTo(before);
	}

	@Test
	void verifiedCredentialsAreTakenWithoutAnotherCheckUntilTheyExpire() {
		TestAccount bob = Fixtures.account(api, "viewer");
		double checks = passwordChecks();
		double hits = cacheHits();
		assertThat(bob.client().get("/api/v1/clouds").status()).isEqualTo(200);
		assertThat(passwordChecks()).isEqualTo(checks + 1);

		for (int i = 0; i < 10; i++) {
			assertThat(bob.client().get("/api/v1/clouds").status()).isEqualTo(200);
		}
		assertThat(passwordChecks()).isEqualTo(checks + 1);
		assertThat(cacheHits()).isEqualTo(hits + 10);

		// a wrong password for the same account is not taken for the right one
		assertProblem(api.basic(bob.username(), bob.password() + "x").get("/api/v1/clouds"), 401, "unauthenticated");
		assertThat(passwordChecks()).isEqualTo(checks + 2);

		clock.advance(CACHED_FOR.minusSeconds(1));
		assertThat(bob.client().get("/api/v1/clouds").status()).isEqualTo(200);
		assertThat(passwordChecks()).isEqualTo(checks + 2);
		clock.advance(Duration.ofSeconds(1));
		assertThat(bob.client().get("/api/v1/clouds").status()).isEqualTo(200);
		assertThat(passwordChecks()).isEqualTo(checks + 3);
	}

	@Test
	void aNewPasswordDropsTheVerifiedOldOne() {
		TestAccount carol = Fixtures.account(api, "operator");
		assertThat(carol.client().get("/api/v1/clouds").status()).isEqualTo(200);
		assertThat(carol.client().get("/api/v1/clouds").status()).isEqualTo(200);

		String newPassword = "new-password-" + carol.username();
		Api.Response changed = api.asAdmin().put("/api/v1/users/" + carol.id(),
				Map.of("role", "operator", "enabled", true, "password", newPassword, "version", 0));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

		double checks = passwordChecks();
		assertProblem(carol.client().get("/api/v1/clouds"), 401, "unauthenticated");
		assertThat(passwordChecks()).as("the old password was checked again, not taken from memory")
			.isEqualTo(checks + 1);
		assertThat(api.basic(carol.username(), newPassword).get("/api/v1/clouds").status()).isEqualTo(200);
	}

	@Test
	void aDemotedOrDeletedAccountIsNotTakenFromMemory() {
		TestAccount dave = Fixtures.account(api, "operator");
		String cloud = unique("cached-role");
		assertThat(dave.client().post("/api/v1/clouds", Fixtures.cloud(cloud)).status()).isEqualTo(201);

		Api.Response demoted = api.asAdmin().put("/api/v1/users/" + dave.id(),
				Map.of("role", "viewer", "enabled", true, "version", 0));
		assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
		assertProblem(dave.client().post("/api/v1/clouds", Fixtures.cloud(unique("cached-role"))), 403, "forbidden");
		assertThat(dave.client().get("/api/v1/clouds").status()).isEqualTo(200);

		assertThat(api.asAdmin().delete("/api/v1/users/" + dave.id()).status()).isEqualTo(204);
		assertProblem(dave.client().get("/api/v1/clouds"), 401, "unauthenticated");
	}

	@Test
	void aClientThatKeepsFailingIsRefusedWithoutFurtherChecks(CapturedOutput output) {
		double before = passwordChecks();
		// another username each time: only the client's own limit (8 here) applies
		for (int i = 0; i < 8; i++) {
			assertProblem(api.basic(unique("guess"), "guess-" + i).get("/api/v1/clouds"), 401, "unauthenticated");
		}
		assertThat(passwordChecks()).isEqualTo(before + 8);

		for (int i = 0; i < 20; i++) {
			Api.Response refused = api.basic(unique("guess"), "guess").get("/api/v1/clouds");
			JsonNode problem = assertProblem(refused, 429, "too-many-requests");
			assertThat(problem.get("detail").asString()).contains("Too many failed logins");
			assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(LOCKOUT.toSeconds()));
		}
		assertThat(passwordChecks()).isEqualTo(before + 8);
		assertThat(output.getOut()).contains("Refusing logins from 127.0.0.1 for PT10M: 8 failed logins");
		// the health probe of a load balancer on the same address still answers
		assertThat(api.anonymous().get("/actuator/health").status()).isEqualTo(200);

		clock.advance(LOCKOUT);
		assertThat(api.asAdmin().get("/api/v1/clouds").status()).isEqualTo(200);
	}

	private double passwordChecks() {
		return meters.get("tfmesh.security.password.checks").counter().count();
	}

	private double cacheHits() {
		return meters.get("tfmesh.security.basic.cache").tag("result", "hit").counter().count();
	}

}
