package io.tfmesh.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.tfmesh.support.Api;
import io.tfmesh.support.Concurrently;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertConflictOnField;
import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The clouds resource over HTTP: CRUD, lists, validation and optimistic locking. */
class CloudApiIT extends IntegrationTestSupport {

	private static final String CLOUDS = "/api/v1/clouds";

	@Test
	void createReadUpdateDeleteRoundTrip() {
		Api admin = api.asAdmin();
		String name = unique("crud");
		Map<String, Object> body = Fixtures.cloud(name);
		body.put("provider", "gcp");
		body.put("region", "europe-west1");
		body.put("underlayCidrs", List.of("10.128.0.0/20", "10.132.0.0/20"));
		body.put("underlayGateway", "10.128.0.1");

		Api.Response created = admin.post(CLOUDS, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode cloud = created.json();
		long id = cloud.get("id").asLong();
		assertThat(created.header("Location")).endsWith(CLOUDS + "/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(created.header("Content-Type")).startsWith("application/json");
		assertThat(cloud.get("name").asString()).isEqualTo(name);
		assertThat(cloud.get("provider").asString()).isEqualTo("gcp");
		assertThat(cloud.get("region").asString()).isEqualTo("europe-west1");
		assertThat(strings(cloud.get("underlayCidrs"))).containsExactly("10.128.0.0/20", "10.132.0.0/20");
		assertThat(cloud.get("underlayGateway").asString()).isEqualTo("10.128.0.1");
		assertThat(cloud.get("clusterCount").asLong()).isZero();
		assertThat(cloud.get("version").asLong()).isZero();
		assertThat(cloud.get("createdAt").asString()).isNotBlank();
		assertThat(cloud.get("updatedAt").asString()).isNotBlank();

		Api.Response read = admin.get(CLOUDS + "/" + id);
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("\"0\"");
		assertThat(read.json().get("name").asString()).isEqualTo(name);
		assertThat(read.json().get("region").asString()).isEqualTo("europe-west1");

		// replace, naming the version in the body
		body.put("region", "europe-west4");
		body.put("version", 0);
		Api.Response updated = admin.put(CLOUDS + "/" + id, body);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.header("ETag")).isEqualTo("\"1\"");
		assertThat(updated.json().get("region").asString()).isEqualTo("europe-west4");
		assertThat(updated.json().get("version").asLong()).isEqualTo(1);
		assertThat(updated.json().get("createdAt").asString()).isEqualTo(cloud.get("createdAt").asString());
		assertThat(admin.get(CLOUDS + "/" + id).json().get("region").asString()).isEqualTo("europe-west4");

		// replace, naming the version as If-Match only
		body.remove("version");
		body.put("provider", "on-prem");
		body.put("underlayCidrs", List.of("192.168.0.0/16"));
		body.put("underlayGateway", "192.168.0.254");
		Api.Response ifMatched = admin.header("If-Match", "\"1\"").put(CLOUDS + "/" + id, body);
		assertThat(ifMatched.status()).as(ifMatched.toString()).isEqualTo(200);
		assertThat(ifMatched.header("ETag")).isEqualTo("\"2\"");
		assertThat(ifMatched.json().get("provider").asString()).isEqualTo("on-prem");
		assertThat(strings(ifMatched.json().get("underlayCidrs"))).containsExactly("192.168.0.0/16");

		Api.Response deleted = admin.header("If-Match", "\"2\"").delete(CLOUDS + "/" + id);
		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();

		assertProblem(admin.get(CLOUDS + "/" + id), 404, "not-found");
		assertProblem(admin.delete(CLOUDS + "/" + id), 404, "not-found");
		body.put("version", 2);
		assertProblem(admin.put(CLOUDS + "/" + id, body), 404, "not-found");
		assertThat(names(admin.get(CLOUDS + "?q=" + name))).isEmpty();
	}

	@Test
	void deleteWithoutIfMatchIsAllowed() {
		Api admin = api.asAdmin();
		long id = Fixtures.createCloud(admin, unique("plain-delete"));
		assertThat(admin.delete(CLOUDS + "/" + id).status()).isEqualTo(204);
		assertThat(admin.get(CLOUDS + "/" + id).status()).isEqualTo(404);
	}

	@Test
	void valuesAreStrippedOfSurroundingWhitespace() {
		Api admin = api.asAdmin();
		String name = unique("strip");
		Map<String, Object> body = Fixtures.cloud("  " + name + " ");
		body.put("region", " us-west-2 ");
		body.put("underlayCidrs", List.of(" 172.31.0.0/16 "));
		body.put("underlayGateway", " 172.31.0.1");
		Api.Response created = admin.post(CLOUDS, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("name").asString()).isEqualTo(name);
		assertThat(created.json().get("region").asString()).isEqualTo("us-west-2");
		assertThat(strings(created.json().get("underlayCidrs"))).containsExactly("172.31.0.0/16");
		assertThat(created.json().get("underlayGateway").asString()).isEqualTo("172.31.0.1");
	}

	@Test
	void acceptsIpv6Underlays() {
		Api admin = api.asAdmin();
		Map<String, Object> body = Fixtures.cloud(unique("v6"));
		body.put("underlayCidrs", List.of("2001:db8::/32", "10.0.0.0/8"));
		body.put("underlayGateway", "2001:db8::1");
		Api.Response created = admin.post(CLOUDS, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(strings(created.json().get("underlayCidrs"))).containsExactly("2001:db8::/32", "10.0.0.0/8");
	}

	@Test
	void listSearchesNameAndRegionAndPaginates() {
		Api admin = api.asAdmin();
		String prefix = unique("page");
		// created out of order: the list is sorted by name
		Fixtures.createCloud(admin, prefix + "-c");
		Fixtures.createCloud(admin, prefix + "-a");
		Fixtures.createCloud(admin, prefix + "-b");

		Api.Response first = admin.get(CLOUDS + "?q=" + prefix + "&page=0&size=2");
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		JsonNode page = first.json();
		assertThat(names(first)).containsExactly(prefix + "-a", prefix + "-b");
		assertThat(page.get("page").asInt()).isZero();
		assertThat(page.get("size").asInt()).isEqualTo(2);
		assertThat(page.get("totalItems").asLong()).isEqualTo(3);
		assertThat(page.get("totalPages").asInt()).isEqualTo(2);

		Api.Response second = admin.get(CLOUDS + "?q=" + prefix + "&page=1&size=2");
		assertThat(names(second)).containsExactly(prefix + "-c");
		assertThat(second.json().get("page").asInt()).isEqualTo(1);
		assertThat(second.json().get("totalItems").asLong()).isEqualTo(3);

		Api.Response beyond = admin.get(CLOUDS + "?q=" + prefix + "&page=5&size=2");
		assertThat(beyond.status()).isEqualTo(200);
		assertThat(names(beyond)).isEmpty();
		assertThat(beyond.json().get("totalItems").asLong()).isEqualTo(3);

		// the search ignores case
		assertThat(names(admin.get(CLOUDS + "?q=" + prefix.toUpperCase()))).hasSize(3);

		// default page size is 20 and the whole match fits
		Api.Response all = admin.get(CLOUDS + "?q=" + prefix);
		assertThat(all.json().get("size").asInt()).isEqualTo(20);
		assertThat(names(all)).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");

		// region is searched too
		String region = unique("region");
		Map<String, Object> body = Fixtures.cloud(unique("by-region"));
		body.put("region", region);
		admin.post(CLOUDS, body);
		Api.Response byRegion = admin.get(CLOUDS + "?q=" + region);
		assertThat(byRegion.json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(byRegion.json().get("items").get(0).get("region").asString()).isEqualTo(region);
	}

	@Test
	void searchTreatsLikeWildcardsLiterally() {
		Api admin = api.asAdmin();
		String name = unique("wild");
		Fixtures.createCloud(admin, name);
		assertThat(names(admin.get(CLOUDS + "?q=" + name))).containsExactly(name);
		// '_' would match the '-' as a LIKE wildcard
		assertThat(names(admin.get(CLOUDS + "?q=" + name.replace('-', '_')))).isEmpty();
		assertThat(admin.get(CLOUDS + "?q=" + name.replace("-", "%25")).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void listAndReadCountTheClustersOfEachCloud() {
		Api admin = api.asAdmin();
		String name = unique("counted");
		long id = Fixtures.createCloud(admin, name);
		Fixtures.createCluster(admin, unique("member"), id);
		Fixtures.createCluster(admin, unique("member"), id);
		JsonNode listed = admin.get(CLOUDS + "?q=" + name).json().get("items").get(0);
		assertThat(listed.get("clusterCount").asLong()).isEqualTo(2);
		assertThat(admin.get(CLOUDS + "/" + id).json().get("clusterCount").asLong()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "size=0", "size=201", "size=-1" })
	void pageSizeOutsideOneTo200IsRefused(String query) {
		assertInvalidField(api.asAdmin().get(CLOUDS + "?" + query), "size");
	}

	@Test
	void pageSizeLimitsAreInclusive() {
		assertThat(api.asAdmin().get(CLOUDS + "?size=1").status()).isEqualTo(200);
		assertThat(api.asAdmin().get(CLOUDS + "?size=200").status()).isEqualTo(200);
	}

	@Test
	void negativePageIsRefused() {
		assertInvalidField(api.asAdmin().get(CLOUDS + "?page=-1"), "page");
	}

	@Test
	void nonNumericPageIsABadRequest() {
		Api.Response response = api.asAdmin().get(CLOUDS + "?page=abc");
		assertProblem(response, 400, "");
	}

	@Test
	void nonNumericIdIsABadRequest() {
		assertProblem(api.asAdmin().get(CLOUDS + "/abc"), 400, "");
	}

	@Test
	void malformedJsonIsABadRequest() {
		Api.Response response = api.asAdmin().post(CLOUDS, "{\"name\": \"broken\", ");
		assertProblem(response, 400, "unreadable-body");
		assertThat(api.asAdmin().get(CLOUDS + "?q=broken").json().path("items").toString()).doesNotContain("\"broken\"");
	}

	@Test
	void missingBodyIsABadRequest() {
		Api.Response response = api.asAdmin().send("POST", CLOUDS, "");
		assertProblem(response, 400, "");
	}

	static Stream<Arguments> invalidClouds() {
		return Stream.of(
				invalid("non-canonical CIDR", body -> body.put("underlayCidrs", List.of("10.1.2.3/8")),
						"underlayCidrs[0]", "10.0.0.0/8"),
				invalid("garbage CIDR", body -> body.put("underlayCidrs", List.of("banana")), "underlayCidrs[0]",
						"banana"),
				invalid("CIDR without prefix", body -> {
					body.put("underlayCidrs", List.of("172.31.0.0"));
					body.put("underlayGateway", "172.31.0.1");
				}, "underlayCidrs[0]", "prefix"),
				invalid("prefix too long", body -> body.put("underlayCidrs", List.of("172.31.0.0/33")),
						"underlayCidrs[0]", "33"),
				invalid("address out of range", body -> body.put("underlayCidrs", List.of("300.0.0.0/8")),
						"underlayCidrs[0]", "300.0.0.0/8"),
				invalid("gateway outside the underlays", body -> body.put("underlayGateway", "10.0.0.1"),
						"underlayGateway", "172.31.0.0/16"),
				invalid("gateway is the network address", body -> body.put("underlayGateway", "172.31.0.0"),
						"underlayGateway", "network address"),
				invalid("gateway not an address", body -> body.put("underlayGateway", "gateway.example.com"),
						"underlayGateway", ""),
				invalid("overlapping underlays",
						body -> body.put("underlayCidrs", List.of("172.31.0.0/16", "172.31.128.0/17")),
						"underlayCidrs[1]", "172.31.0.0/16"),
				invalid("duplicated underlay", body -> body.put("underlayCidrs", List.of("172.31.0.0/16", "172.31.0.0/16")),
						"underlayCidrs[1]", "overlaps"),
				invalid("no underlays", body -> body.put("underlayCidrs", List.of()), "underlayCidrs", ""),
				invalid("upper-case name", body -> body.put("name", "Cloud-" + unique("x")), "name", "DNS label"),
				invalid("name with underscore", body -> body.put("name", "my_cloud"), "name", "DNS label"),
				invalid("name starting with a dash", body -> body.put("name", "-cloud"), "name", "DNS label"),
				invalid("name longer than 63", body -> body.put("name", "a".repeat(64)), "name", "DNS label"),
				invalid("blank name", body -> body.put("name", "  "), "name", ""),
				invalid("no name", body -> body.remove("name"), "name", ""),
				invalid("unknown provider", body -> body.put("provider", "digitalocean"), "provider",
						"unknown provider"),
				invalid("no provider", body -> body.remove("provider"), "provider", ""),
				invalid("region with spaces", body -> body.put("region", "us east"), "region", ""),
				invalid("no region", body -> body.remove("region"), "region", ""));
	}

	private static Arguments invalid(String description, Consumer<Map<String, Object>> change, String field,
			String messagePart) {
		return Arguments.of(description, change, field, messagePart);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidClouds")
	void invalidCloudIsRefusedNamingTheField(String description, Consumer<Map<String, Object>> change, String field,
			String messagePart) {
		Api admin = api.asAdmin();
		String name = unique("invalid");
		Map<String, Object> body = Fixtures.cloud(name);
		change.accept(body);
		String message = assertInvalidField(admin.post(CLOUDS, body), field);
		assertThat(message).contains(messagePart);
		assertThat(names(admin.get(CLOUDS + "?q=" + name))).isEmpty();

		// the same rules hold on replacement, and the stored cloud stays as it was
		long id = Fixtures.createCloud(admin, unique("valid"));
		Map<String, Object> replacement = Fixtures.cloud(unique("valid"));
		change.accept(replacement);
		replacement.put("version", 0);
		assertInvalidField(admin.put(CLOUDS + "/" + id, replacement), field);
		JsonNode stored = admin.get(CLOUDS + "/" + id).json();
		assertThat(stored.get("version").asLong()).isZero();
		assertThat(strings(stored.get("underlayCidrs"))).containsExactly("172.31.0.0/16");
	}

	@Test
	void nonCanonicalCidrMessageGivesTheCanonicalNetwork() {
		Map<String, Object> body = Fixtures.cloud(unique("canon"));
		body.put("underlayCidrs", List.of("172.31.0.0/16", "10.1.2.3/8"));
		String message = assertInvalidField(api.asAdmin().post(CLOUDS, body), "underlayCidrs[1]");
		assertThat(message).contains("10.1.2.3/8").contains("10.0.0.0/8");
	}

	@Test
	void wrongJsonTypeNamesTheField() {
		Map<String, Object> body = Fixtures.cloud(unique("types"));
		body.put("underlayCidrs", Map.of("not", "a list"));
		assertInvalidField(api.asAdmin().post(CLOUDS, body), "underlayCidrs");
	}

	@Test
	void severalProblemsAreReportedTogether() {
		Map<String, Object> body = Fixtures.cloud("Not_A_Label");
		body.put("provider", "aws");
		body.put("region", "");
		body.put("underlayCidrs", List.of("10.1.2.3/8"));
		Api.Response response = api.asAdmin().post(CLOUDS, body);
		assertInvalidField(response, "name");
		assertInvalidField(response, "region");
		assertInvalidField(response, "underlayCidrs[0]");
	}

	/**
	 * A network written in a form PostgreSQL would print differently (a zero-padded prefix,
	 * upper-case or zero-padded IPv6) is either refused as a field error that gives the
	 * canonical form, or stored in canonical form; never a 409 or a server error.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/08", "2001:DB8::/32", "2001:0db8::/32", "2001:db8:0:0::/32" })
	void validNetworkInNonCanonicalSpellingIsRefusedOrCanonicalised(String spelling) {
		Map<String, Object> body = Fixtures.cloud(unique("spelling"));
		boolean v6 = spelling.contains(":");
		String canonical = v6 ? "2001:db8::/32" : "10.0.0.0/8";
		body.put("underlayCidrs", List.of(spelling));
		body.put("underlayGateway", v6 ? "2001:db8::1" : "10.0.0.1");
		Api.Response response = api.asAdmin().post(CLOUDS, body);
		assertThat(response.status()).as(response.toString()).isIn(201, 400);
		if (response.status() == 400) {
			assertThat(assertInvalidField(response, "underlayCidrs[0]")).contains(canonical);
		}
		else {
			assertThat(strings(response.json().get("underlayCidrs"))).containsExactly(canonical);
		}
	}

	@Test
	void duplicateNameIsAConflictOnName() {
		Api admin = api.asAdmin();
		String name = unique("twice");
		Fixtures.createCloud(admin, name);
		Map<String, Object> again = Fixtures.cloud(name);
		again.put("region", "eu-west-1");
		JsonNode problem = assertConflictOnField(admin.post(CLOUDS, again), "name");
		assertThat(problem.get("detail").asString()).contains(name);
		JsonNode list = admin.get(CLOUDS + "?q=" + name).json();
		assertThat(list.get("totalItems").asLong()).isEqualTo(1);
		assertThat(list.get("items").get(0).get("region").asString()).isEqualTo("us-east-1");
	}

	@Test
	void renamingToATakenNameIsAConflictOnName() {
		Api admin = api.asAdmin();
		String taken = unique("taken");
		Fixtures.createCloud(admin, taken);
		String mine = unique("mine");
		long id = Fixtures.createCloud(admin, mine);
		Map<String, Object> rename = Fixtures.cloud(taken);
		rename.put("version", 0);
		assertConflictOnField(admin.put(CLOUDS + "/" + id, rename), "name");
		assertThat(admin.get(CLOUDS + "/" + id).json().get("name").asString()).isEqualTo(mine);

		// keeping its own name is no conflict
		Map<String, Object> same = Fixtures.cloud(mine);
		same.put("version", 0);
		assertThat(admin.put(CLOUDS + "/" + id, same).status()).isEqualTo(200);
	}

	@Test
	void staleVersionInBodyIsAConflict() {
		Api admin = api.asAdmin();
		String name = unique("stale");
		long id = Fixtures.createCloud(admin, name);
		Map<String, Object> first = Fixtures.cloud(name);
		first.put("region", "us-west-1");
		first.put("version", 0);
		assertThat(admin.put(CLOUDS + "/" + id, first).status()).isEqualTo(200);

		Map<String, Object> late = Fixtures.cloud(name);
		late.put("region", "us-west-2");
		late.put("version", 0);
		JsonNode problem = assertProblem(admin.put(CLOUDS + "/" + id, late), 409, "stale-version");
		assertThat(problem.get("type").asString()).endsWith("stale-version");
		assertThat(problem.get("currentVersion").asLong()).isEqualTo(1);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("version");
		JsonNode stored = admin.get(CLOUDS + "/" + id).json();
		assertThat(stored.get("region").asString()).isEqualTo("us-west-1");
		assertThat(stored.get("version").asLong()).isEqualTo(1);
	}

	@Test
	void staleIfMatchIsAConflictAndWinsOverTheBody() {
		Api admin = api.asAdmin();
		String name = unique("stale-etag");
		long id = Fixtures.createCloud(admin, name);
		Map<String, Object> first = Fixtures.cloud(name);
		first.put("region", "us-west-1");
		assertThat(admin.header("If-Match", "\"0\"").put(CLOUDS + "/" + id, first).status()).isEqualTo(200);

		Map<String, Object> late = Fixtures.cloud(name);
		late.put("region", "us-west-2");
		assertProblem(admin.header("If-Match", "\"0\"").put(CLOUDS + "/" + id, late), 409, "stale-version");
		// the body names the current version, but If-Match is the older one
		late.put("version", 1);
		assertProblem(admin.header("If-Match", "\"0\"").put(CLOUDS + "/" + id, late), 409, "stale-version");
		assertThat(admin.get(CLOUDS + "/" + id).json().get("region").asString()).isEqualTo("us-west-1");
	}

	@Test
	void updateWithoutAnyVersionIsPreconditionRequired() {
		Api admin = api.asAdmin();
		String name = unique("no-version");
		long id = Fixtures.createCloud(admin, name);
		Map<String, Object> change = Fixtures.cloud(name);
		change.put("region", "us-west-1");
		JsonNode problem = assertProblem(admin.put(CLOUDS + "/" + id, change), 428, "precondition-required");
		assertThat(problem.get("detail").asString()).contains("If-Match");
		JsonNode stored = admin.get(CLOUDS + "/" + id).json();
		assertThat(stored.get("region").asString()).isEqualTo("us-east-1");
		assertThat(stored.get("version").asLong()).isZero();
	}

	@Test
	void unreadableIfMatchIsABadRequest() {
		Api admin = api.asAdmin();
		String name = unique("bad-etag");
		long id = Fixtures.createCloud(admin, name);
		assertInvalidField(admin.header("If-Match", "\"abc\"").put(CLOUDS + "/" + id, Fixtures.cloud(name)),
				"If-Match");
		assertInvalidField(admin.header("If-Match", "yesterday").delete(CLOUDS + "/" + id), "If-Match");
		assertThat(admin.get(CLOUDS + "/" + id).status()).isEqualTo(200);
	}

	@Test
	void deleteWithStaleIfMatchIsAConflict() {
		Api admin = api.asAdmin();
		String name = unique("stale-delete");
		long id = Fixtures.createCloud(admin, name);
		Map<String, Object> change = Fixtures.cloud(name);
		change.put("version", 0);
		assertThat(admin.put(CLOUDS + "/" + id, change).status()).isEqualTo(200);

		assertProblem(admin.header("If-Match", "\"0\"").delete(CLOUDS + "/" + id), 409, "stale-version");
		assertThat(admin.get(CLOUDS + "/" + id).status()).isEqualTo(200);
		assertThat(admin.header("If-Match", "\"1\"").delete(CLOUDS + "/" + id).status()).isEqualTo(204);
	}

	@Test
	void cloudWithClustersCannotBeDeleted() {
		Api admin = api.asAdmin();
		String name = unique("busy");
		long cloudId = Fixtures.createCloud(admin, name);
		String clusterName = unique("tenant");
		long clusterId = Fixtures.createCluster(admin, clusterName, cloudId);

		JsonNode problem = assertProblem(admin.delete(CLOUDS + "/" + cloudId), 409, "conflict");
		assertThat(problem.get("detail").asString()).contains(clusterName);
		assertProblem(admin.header("If-Match", "\"0\"").delete(CLOUDS + "/" + cloudId), 409, "conflict");

		Api.Response still = admin.get(CLOUDS + "/" + cloudId);
		assertThat(still.status()).isEqualTo(200);
		assertThat(still.json().get("clusterCount").asLong()).isEqualTo(1);
		assertThat(admin.get("/api/v1/clusters/" + clusterId).status()).isEqualTo(200);

		assertThat(admin.delete("/api/v1/clusters/" + clusterId).status()).isEqualTo(204);
		assertThat(admin.delete(CLOUDS + "/" + cloudId).status()).isEqualTo(204);
		assertThat(admin.get(CLOUDS + "/" + cloudId).status()).isEqualTo(404);
	}

	@Test
	void concurrentUpdatesOfOneVersionLetExactlyOneWin() {
		Api admin = api.asAdmin();
		String name = unique("race");
		long id = Fixtures.createCloud(admin, name);
		List<Api.Response> responses = Concurrently.run(8, i -> {
			Map<String, Object> change = Fixtures.cloud(name);
			change.put("region", "region-" + i);
			change.put("version", 0);
			return admin.put(CLOUDS + "/" + id, change);
		});
		List<Api.Response> winners = responses.stream().filter(response -> response.status() == 200).toList();
		assertThat(winners).as(responses.toString()).hasSize(1);
		for (Api.Response response : responses) {
			if (response.status() != 200) {
				assertProblem(response, 409, "stale-version");
			}
		}
		JsonNode stored = admin.get(CLOUDS + "/" + id).json();
		assertThat(stored.get("version").asLong()).isEqualTo(1);
		assertThat(stored.get("region").asString()).isEqualTo(winners.get(0).json().get("region").asString());
		assertThat(admin.get("/api/v1/audit?objectType=cloud&action=update&objectId=" + id).json().get("totalItems")
			.asLong()).isEqualTo(1);
	}

	@Test
	void concurrentCreatesOfOneNameLetExactlyOneWin() {
		Api admin = api.asAdmin();
		String name = unique("rush");
		List<Api.Response> responses = Concurrently.run(8, i -> {
			Map<String, Object> body = Fixtures.cloud(name);
			body.put("region", "region-" + i);
			return admin.post(CLOUDS, body);
		});
		assertThat(responses.stream().filter(response -> response.status() == 201).count()).as(responses.toString())
			.isEqualTo(1);
		for (Api.Response response : responses) {
			if (response.status() != 201) {
				assertConflictOnField(response, "name");
			}
		}
		assertThat(admin.get(CLOUDS + "?q=" + name).json().get("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void unknownCloudIsNotFound() {
		Api admin = api.asAdmin();
		JsonNode problem = assertProblem(admin.get(CLOUDS + "/987654321"), 404, "not-found");
		assertThat(problem.get("detail").asString()).contains("987654321");
		Map<String, Object> body = Fixtures.cloud(unique("ghost"));
		body.put("version", 0);
		assertProblem(admin.put(CLOUDS + "/987654321", body), 404, "not-found");
		assertProblem(admin.delete(CLOUDS + "/987654321"), 404, "not-found");
	}

	@Test
	void unknownApiPathIsAProblemNotFound() {
		assertProblem(api.asAdmin().get("/api/v1/no-such-thing"), 404, "not-found");
	}

	static List<String> names(Api.Response list) {
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		list.json().get("items").forEach(item -> names.add(item.get("name").asString()));
		return names;
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(item -> values.add(item.asString()));
		return values;
	}

}
