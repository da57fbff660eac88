package io.tfmesh.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the OpenAPI document and sends malformed requests to every operation as an admin:
 * none may get a 5xx, and afterwards the database must still be consistent (every object has
 * its audit entry, nothing is orphaned, no allocations overlap). Seeded, so a failure repeats.
 */
class MalformedRequestFuzzIT extends IntegrationTestSupport {

	/** Tables whose every row the API creates with a {@code create} audit entry, with the entry's object type. */
	private static final Map<String, String> AUDITED = Map.of("cloud", "cloud", "cluster", "cluster", "mesh", "mesh",
			"app_user", "user", "api_token", "api-token", "allocation", "allocation", "webhook", "webhook");


	private static final long SEED = 20261130L;

	private static final int REQUESTS = 1_200;

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final List<String> BAD_IDS = List.of("0", "-1", "abc", "1.5", "99999999999999999999", "1e3",
			"%00", "%20", "null", "9223372036854775807", "'%20OR%201=1");

	private static final List<String> MALFORMED_JSON = List.of("{", "[", "{\"a\":}", "\"unterminated", "nul",
			"{\"name\":\"x\",}", "{'name':'x'}", "\u0000", "[1,2", "{\"a\":1}{\"b\":2}", "null", "true", "42",
			"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "[".repeat(5_000), "{\"a\":" + "1".repeat(2_000) + "}");

	private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
			"multipart/form-data", "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded",
			"application/json; charset=ebcdic", "application/octet-stream", "image/png", "application/json;;;",
			"*/*", "application/*", "json");

	@Autowired
	private JdbcTemplate jdbc;

	private final Random random = new Random(SEED);

	private String token;

	@Test
	void malformedRequestsNeverGetAServerErrorAndLeaveTheDatabaseConsistent() throws Exception {
		Api admin = api.asAdmin();
		// other tests of the shared database write rows of their own without the API; only what
		// this run created is held to the audit rule
		Map<String, Long> before = new TreeMap<>();
		for (String table : AUDITED.keySet()) {
			before.put(table, jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM " + table, Long.class));
		}
		Ids ids = createObjects(admin);
		Api.Response created = admin.post("/api/v1/tokens", Map.of("name", unique("fuzz")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		token = created.json().get("token").asString();
		JsonNode docs = admin.get("/v3/api-docs").json();
		List<Operation> operations = operations(docs);
		assertThat(operations).as("operations in /v3/api-docs: " + abbreviate(docs.toString())).hasSizeGreaterThan(20);

		Map<Integer, Integer> statuses = new TreeMap<>();
		Map<String, Integer> perOperation = new TreeMap<>();
		List<String> serverErrors = new ArrayList<>();
		int sent = 0;
		while (sent < REQUESTS) {
			for (Operation operation : operations) {
				Probe probe = probe(operation, docs, ids);
				HttpResponse<String> response = send(probe);
				statuses.merge(response.statusCode(), 1, Integer::sum);
				perOperation.merge(operation.method() + " " + operation.path(), 1, Integer::sum);
				if (response.statusCode() >= 500) {
					serverErrors.add(probe.describe() + " -> " + response.statusCode() + " "
							+ abbreviate(response.body()));
				}
				sent++;
			}
		}

		System.out.println("Malformed requests per status: " + statuses);
		assertThat(perOperation.keySet()).hasSameSizeAs(operations);
		assertThat(serverErrors).as("requests answered with 5xx, of " + sent + " (" + statuses + ")").isEmpty();
		assertThat(statuses.keySet()).as("statuses").anyMatch(status -> status == 400);
		assertDatabaseConsistent(before);
	}

	private void assertDatabaseConsistent(Map<String, Long> before) {
		AUDITED.forEach((table, objectType) -> {
			List<Long> unaudited = jdbc.queryForList("SELECT o.id FROM " + table + " o WHERE o.id > ? AND "
					+ ("allocation".equals(table) ? "o.kind <> 'underlay' AND " : "") + "NOT EXISTS "
					+ "(SELECT 1 FROM audit_event a WHERE a.action = 'create' AND a.object_type = ? "
					+ "AND a.object_id = o.id::text)", Long.class, before.get(table), objectType);
			assertThat(unaudited).as(table + " rows without their creation in the audit log").isEmpty();
		});
		assertThat(jdbc.queryForList("SELECT a.id FROM allocation a WHERE a.cluster_id IS NOT NULL AND NOT EXISTS "
				+ "(SELECT 1 FROM mesh_member m WHERE m.mesh_id = a.mesh_id AND m.cluster_id = a.cluster_id)", Long.class))
			.as("cluster allocations whose cluster is not a member of the mesh")
			.isEmpty();
		assertThat(jdbc.queryForList("SELECT c.id FROM cluster c WHERE NOT EXISTS (SELECT 1 FROM cloud d WHERE d.id = c.cloud_id)",
				Long.class))
			.as("clusters without their cloud")
			.isEmpty();
		assertThat(jdbc.queryForList("SELECT t.id FROM api_token t WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.id = t.user_id)",
				Long.class))
			.as("tokens without their user")
			.isEmpty();
		assertThat(jdbc.queryForList("SELECT m.cluster_id FROM mesh_member m WHERE NOT EXISTS "
				+ "(SELECT 1 FROM cluster c WHERE c.id = m.cluster_id) OR NOT EXISTS (SELECT 1 FROM mesh h WHERE h.id = m.mesh_id)",
				Long.class))
			.as("members without their cluster or mesh")
			.isEmpty();
		assertThat(jdbc.queryForList("SELECT a.id FROM allocation a JOIN allocation b ON a.mesh_id = b.mesh_id "
				+ "AND a.id < b.id AND a.cidr && b.cidr", Long.class))
			.as("overlapping allocations in a mesh")
			.isEmpty();
		assertThat(jdbc.queryForList("SELECT a.id FROM mesh_pool a JOIN mesh_pool b ON a.mesh_id = b.mesh_id "
				+ "AND a.id < b.id AND a.cidr && b.cidr", Long.class))
			.as("overlapping pools in a mesh")
			.isEmpty();
	}

	/** Real objects, so that requests with valid ids reach the checks behind the lookups. */
	private Ids createObjects(Api admin) {
		long cloud = Fixtures.createCloud(admin, unique("fuzz"));
		long cluster = Fixtures.createCluster(admin, Fixtures.cluster(unique("fuzz"), cloud));
		Api.Response mesh = admin.post("/api/v1/meshes", Map.of("name", unique("fuzz"), "clusterIds", List.of(cluster)));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		Api.Response user = admin.post("/api/v1/users",
				Map.of("username", unique("fuzz"), "password", "fuzz-password-1", "role", "viewer"));
		assertThat(user.status()).as(user.toString()).isEqualTo(201);
		Api.Response webhook = admin.post("/api/v1/webhooks", Map.of("name", unique("fuzz"), "url",
				"http://127.0.0.1:9/fuzz", "events", List.of("diagnosis-found"), "secret", "fuzz-secret-of-16"));
		assertThat(webhook.status()).as(webhook.toString()).isEqualTo(201);
		return new Ids(cloud, cluster, mesh.json().get("id").asLong(), user.json().get("id").asLong(),
				webhook.json().get("id").asLong());
	}

	private record Ids(long cloud, long cluster, long mesh, long user, long webhook) {
	}

	private record Operation(String method, String path, JsonNode spec) {
	}

	private record Probe(String method, String path, String query, String contentType, String body, String kind) {

		String describe() {
			return kind + ": " + method + " " + path + query + " [" + contentType + "] " + abbreviate(body);
		}

	}

	private static List<Operation> operations(JsonNode docs) {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
					operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
				}
			}
		}
		return operations;
	}

	private Probe probe(Operation operation, JsonNode docs, Ids ids) {
		JsonNode schema = requestSchema(operation, docs);
		// a DELETE or an observation with a real id would do real work instead of refusing
		boolean realIds = !operation.method().equals("DELETE") && !operation.path().endsWith("/observe")
				&& random.nextInt(4) > 0;
		String path = path(operation, ids, realIds);
		String query = query(operation);
		int kind = random.nextInt(schema == null ? 4 : 10);
		return switch (kind) {
			case 0 -> new Probe(operation.method(), path, query, "application/json", pick(MALFORMED_JSON), "malformed json");
			case 1 -> new Probe(operation.method(), path, query, pick(CONTENT_TYPES), "--xyz\r\nbroken\r\n", "content type");
			case 2 -> new Probe(operation.method(), path(operation, ids, false), query, "application/json", "{}", "bad id");
			case 3 -> new Probe(operation.method(), path, query + (query.isEmpty() ? "?" : "&") + "page=-1&size=abc&q=%00",
					"application/json", null, "bad query");
			case 4 -> body(operation, path, query, mutate(sample(schema, docs, 0), "wrong type"), "wrong type");
			case 5 -> body(operation, path, query, "{}", "missing fields");
			case 6 -> body(operation, path, query, withExtra(sample(schema, docs, 0)), "extra field");
			case 7 -> body(operation, path, query, mutate(sample(schema, docs, 0), "huge string"), "huge string");
			case 8 -> body(operation, path, query, mutate(sample(schema, docs, 0), "nul"), "nul byte");
			default -> body(operation, path, query, mutate(sample(schema, docs, 0), "bad enum"), "bad enum");
		};
	}

	private Probe body(Operation operation, String path, String query, Object body, String kind) {
		return new Probe(operation.method(), path, query, "application/json",
				body instanceof String text ? text : json.writeValueAsString(body), kind);
	}

	private String path(Operation operation, Ids ids, boolean realIds) {
		String path = operation.path();
		while (path.contains("{")) {
			int open = path.indexOf('{');
			int close = path.indexOf('}', open);
			String name = path.substring(open + 1, close);
			String value = realIds ? String.valueOf(realId(path.substring(0, open), name, ids)) : pick(BAD_IDS);
			path = path.substring(0, open) + value + path.substring(close + 1);
		}
		return path;
	}

	private static long realId(String before, String name, Ids ids) {
		if (name.equals("allocationId")) {
			return 1;
		}
		if (before.endsWith("/clouds/")) {
			return ids.cloud();
		}
		if (before.endsWith("/clusters/")) {
			return ids.cluster();
		}
		if (before.endsWith("/meshes/")) {
			return ids.mesh();
		}
		if (before.endsWith("/webhooks/")) {
			return ids.webhook();
		}
		return before.endsWith("/users/") ? ids.user() : 1;
	}

	private String query(Operation operation) {
		StringBuilder query = new StringBuilder();
		for (JsonNode parameter : operation.spec().path("parameters")) {
			if ("query".equals(parameter.path("in").asString()) && random.nextBoolean()) {
				query.append(query.isEmpty() ? '?' : '&')
					.append(parameter.path("name").asString())
					.append('=')
					.append(pick(List.of("-1", "x", "%00", "", "99999999999999999999", "%C3%28", "a".repeat(5_000))));
			}
		}
		return query.toString();
	}

	private static JsonNode requestSchema(Operation operation, JsonNode docs) {
		JsonNode content = operation.spec().path("requestBody").path("content");
		Iterator<JsonNode> media = content.values().iterator();
		return media.hasNext() ? media.next().path("schema") : null;
	}

	private static JsonNode resolve(JsonNode schema, JsonNode docs) {
		JsonNode current = schema;
		while (current.has("$ref")) {
			String ref = current.path("$ref").asString();
			current = docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
		}
		return current;
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode each : type) {
				if (!"null".equals(each.asString())) {
					return each.asString();
				}
			}
		}
		if (type.isString()) {
			return type.asString();
		}
		return schema.has("properties") ? "object" : "string";
	}

	/** A plausible value of the schema, for mutations to spoil one part of. */
	private Object sample(JsonNode raw, JsonNode docs, int depth) {
		JsonNode schema = resolve(raw, docs);
		if (schema.has("enum")) {
			return schema.path("enum").get(0).asString();
		}
		return switch (type(schema)) {
			case "object" -> {
				Map<String, Object> object = new LinkedHashMap<>();
				if (depth < 4) {
					for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
						object.put(property.getKey(), sample(property.getValue(), docs, depth + 1));
					}
				}
				yield object;
			}
			case "array" -> depth < 4 ? new ArrayList<>(List.of(sample(schema.path("items"), docs, depth + 1)))
					: new ArrayList<>();
			case "integer" -> 1;
			case "number" -> 1.5;
			case "boolean" -> true;
			default -> "x";
		};
	}

	@SuppressWarnings("unchecked")
	private Object mutate(Object value, String how) {
		if (value instanceof Map<?, ?> map && !map.isEmpty()) {
			Map<String, Object> object = (Map<String, Object>) map;
			List<String> keys = new ArrayList<>(object.keySet());
			String key = keys.get(random.nextInt(keys.size()));
			object.put(key, random.nextInt(3) == 0 ? leaf(object.get(key), how) : mutate(object.get(key), how));
			return object;
		}
		if (value instanceof List<?> list && !list.isEmpty()) {
			List<Object> items = (List<Object>) list;
			items.set(0, mutate(items.get(0), how));
			return items;
		}
		return leaf(value, how);
	}

	private Object leaf(Object value, String how) {
		return switch (how) {
			case "huge string" -> "h".repeat(200_000 + random.nextInt(1_000));
			case "nul" -> "a\u0000b";
			case "bad enum" -> "not-a-value-" + random.nextInt(100);
			default -> pick(List.of(value instanceof String ? (Object) 12 : "twelve", List.of(1, 2), Map.of("a", 1), true,
					-99999999999L, 1.0e308, ""));
		};
	}

	@SuppressWarnings("unchecked")
	private Object withExtra(Object value) {
		if (value instanceof Map<?, ?> map) {
			((Map<String, Object>) map).put("unexpected" + random.nextInt(10), 1);
			return map;
		}
		return Map.of("unexpected", 1);
	}

	private <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private HttpResponse<String> send(Probe probe) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe.path() + probe.query()))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json");
		if (probe.body() == null) {
			request.method(probe.method(), HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", probe.contentType())
				.method(probe.method(), HttpRequest.BodyPublishers.ofString(probe.body()));
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String abbreviate(String text) {
		return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
	}

}
