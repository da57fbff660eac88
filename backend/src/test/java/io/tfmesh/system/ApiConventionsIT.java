package io.tfmesh.system;

import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What every list and every resource of the API shares: paging rules and HTTP-level errors as problems. */
class ApiConventionsIT extends IntegrationTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/clouds", "/api/v1/clusters", "/api/v1/users", "/api/v1/audit" })
	void pageAndSizeAreChecked(String list) {
		Api admin = api.asAdmin();
		assertInvalidField(admin.get(list + "?size=0"), "size");
		assertInvalidField(admin.get(list + "?size=201"), "size");
		assertInvalidField(admin.get(list + "?page=-1"), "page");
		assertProblem(admin.get(list + "?page=first"), 400, "");
		assertProblem(admin.get(list + "?size=many"), 400, "");
		Api.Response one = admin.get(list + "?size=1");
		assertThat(one.status()).as(one.toString()).isEqualTo(200);
		assertThat(one.json().get("items").size()).isLessThanOrEqualTo(1);
		assertThat(one.json().get("size").asInt()).isEqualTo(1);
		assertThat(admin.get(list + "?size=200").status()).isEqualTo(200);
	}

	/** A page far beyond the end is empty (or refused as a bad page number), never a server error. */
	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/clouds", "/api/v1/clusters", "/api/v1/users", "/api/v1/audit" })
	void pageFarBeyondTheEndIsNoServerError(String list) {
		Api.Response response = api.asAdmin().get(list + "?page=20000000&size=200");
		assertThat(response.status()).as(response.toString()).isIn(200, 400);
		if (response.status() == 200) {
			assertThat(response.json().get("items").size()).isZero();
			assertThat(response.json().get("page").asInt()).isEqualTo(20000000);
		}
		else {
			assertInvalidField(response, "page");
		}
	}

	@Test
	void unsupportedMethodIsAProblem() {
		Api admin = api.asAdmin();
		long id = Fixtures.createCloud(admin, unique("patch"));
		assertProblem(admin.send("PATCH", "/api/v1/clouds/" + id, "{}"), 405, "method-not-allowed");
		assertProblem(admin.delete("/api/v1/clouds"), 405, "method-not-allowed");
		assertThat(admin.get("/api/v1/clouds/" + id).json().get("version").asLong()).isZero();
	}

	@Test
	void unsupportedContentTypeIsAProblem() {
		Api.Response response = api.asAdmin()
			.header("Content-Type", "text/plain")
			.send("POST", "/api/v1/clouds", null);
		assertProblem(response, 415, "unsupported-media-type");
	}

	@Test
	void jsonThatIsNotAnObjectIsABadRequest() {
		Api admin = api.asAdmin();
		assertProblem(admin.post("/api/v1/clouds", "[]"), 400, "");
		assertProblem(admin.post("/api/v1/clouds", "null"), 400, "");
		assertProblem(admin.post("/api/v1/clusters", "42"), 400, "");
		assertProblem(admin.post("/api/v1/users", Map.of()), 400, "invalid-input");
	}

	@Test
	void unknownApiPathIsAProblemEvenForAViewer() {
		assertProblem(Fixtures.userWithRole(api, "viewer").get("/api/v1/nothing-here"), 404, "not-found");
	}

}
