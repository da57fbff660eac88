package io.tfmesh.notify;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.health.ClusterHealthChanged;
import io.tfmesh.health.DiagnosisFound;
import io.tfmesh.secret.SecretCipher;
import io.tfmesh.support.Api;
import io.tfmesh.support.DashboardSession;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.TestAccount;
import io.tfmesh.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertConflictOnField;
import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks over real HTTP: a JDK HTTP server receives what tfmesh sends, and checks each
 * signature with the secret it was given. The health events are published as the health module
 * publishes them, in a transaction of their cause; the plan event comes from submitting a plan
 * through the API.
 */
class WebhookIT extends IntegrationTestSupport {

	private static final String WEBHOOKS = "/api/v1/webhooks";

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DeliveryStore deliveries;

	@Autowired
	private WebhookStore webhookStore;

	@Autowired
	private WebhookClient client;

	@Autowired
	private SecretCipher cipher;

	@Autowired
	private NotifySettings settings;

	@Autowired
	private Clock clock;

	private final List<Long> created = new ArrayList<>();

	/** Webhooks of one test receive nothing in the next: the application is shared. */
	@AfterEach
	void deleteWebhooks() {
		created.forEach(id -> api.asAdmin().delete(WEBHOOKS + "/" + id));
	}

	@Test
	void eachEventReachesItsSubscribersOnceSignedAndOnlyWhenItsCauseCommits() throws Exception {
		String cluster = unique("gcp-west");
		Instant at = Instant.parse("2026-11-30T12:00:00Z");
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			String healthSecret = "health-" + unique("secret");
			String planSecret = "plans-" + unique("secret");
			long health = create(receiver.url("/health"), List.of("cluster-health-changed", "diagnosis-found"),
					healthSecret);
			long plans = create(receiver.url("/plans"), List.of("plan-awaits-approval"), planSecret);

			inTransaction(() -> events.publishEvent(new ClusterHealthChanged(7, cluster, false,
					"control: initializing (No BGP configuration for self)", at)));
			rolledBack(() -> events.publishEvent(new ClusterHealthChanged(7, cluster, true, "rolled back", at)));
			inTransaction(() -> events.publishEvent(new DiagnosisFound(7, cluster, "no-bgp-configuration-for-self",
					"gcp-west-control-1", "No bgp-router for the control node's hostname", at)));
			inTransaction(() -> events.publishEvent(new ClusterHealthChanged(7, cluster, true, "all active", at)));
			long plan = draftPlan();
			Api.Response submitted = api.asAdmin().post("/api/v1/plans/" + plan + "/submit", Map.of());
			assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);

			await().atMost(PATIENCE).until(() -> delivered(health) == 3 && delivered(plans) >= 1);

			List<JsonNode> received = new ArrayList<>();
			for (WebhookReceiver.Request request : receiver.requests("/health")) {
				JsonNode body = verified(request, healthSecret);
				if (cluster.equals(body.get("data").get("clusterName").asString())) {
					received.add(body);
				}
			}
			assertThat(received).extracting(body -> body.get("type").asString() + " "
					+ body.get("data").path("healthy").asString(body.get("data").path("code").asString()))
				.containsExactlyInAnyOrder("cluster-health-changed false", "cluster-health-changed true",
						"diagnosis-found no-bgp-configuration-for-self");
			assertThat(received).extracting(body -> body.get("id").asString()).doesNotHaveDuplicates();
			JsonNode unhealthy = received.stream()
				.filter(body -> body.get("data").path("healthy").isBoolean() && !body.get("data").get("healthy").asBoolean())
				.findFirst()
				.orElseThrow();
			assertThat(unhealthy.get("occurredAt").asString()).isEqualTo("2026-11-30T12:00:00Z");
			assertThat(unhealthy.get("data").get("clusterId").asLong()).isEqualTo(7);
			assertThat(unhealthy.get("data").get("verdict").asString())
				.isEqualTo("control: initializing (No BGP configuration for self)");
			assertThat(received).noneMatch(body -> body.toString().contains("rolled back"));
			assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE webhook_id = ?", Integer.class,
					health)).isEqualTo(3);

			List<JsonNode> awaiting = new ArrayList<>();
			for (WebhookReceiver.Request request : receiver.requests("/plans")) {
				JsonNode body = verified(request, planSecret);
				assertThat(body.get("type").asString()).isEqualTo("plan-awaits-approval");
				if (body.get("data").get("planId").asLong() == plan) {
					awaiting.add(body);
				}
			}
			assertThat(awaiting).hasSize(1);
			JsonNode data = awaiting.get(0).get("data");
			assertThat(data.get("submittedBy").asString()).isEqualTo(ADMIN);
			assertThat(data.get("title").asString()).endsWith("#" + plan);
			assertThat(data.get("path").asString()).isEqualTo("/plans/" + plan);
		}
	}

	@Test
	void aReceiverThatIsDownGetsTheEventOnceItIsBack() throws Exception {
		int port = WebhookReceiver.freePort();
		String secret = unique("down-secret-xyz");
		long id = create("http://127.0.0.1:" + port + "/down", List.of("diagnosis-found"), secret);
		Api.Response test = api.asAdmin().post(WEBHOOKS + "/" + id + "/test", Map.of());
		assertThat(test.status()).as(test.toString()).isEqualTo(202);
		String eventId = test.json().get("eventId").asString();

		// the failures are visible, in the API and on the page, with the next attempt
		JsonNode failing = await().atMost(PATIENCE).until(() -> onlyDelivery(id),
				delivery -> delivery.get("attempts").asInt() >= 2);
		assertThat(failing.get("state").asString()).isEqualTo("pending");
		assertThat(failing.get("lastError").asString()).contains("refused");
		assertThat(failing.get("nextAttemptAt").isNull()).isFalse();
		assertThat(failing.get("eventId").asString()).isEqualTo(eventId);
		String page = admin().get("/webhooks/" + id).body();
		assertThat(page).contains("connection refused").contains(eventId);

		try (WebhookReceiver receiver = WebhookReceiver.on(port)) {
			receiver.answerFirst(503);
			JsonNode done = await().atMost(PATIENCE).until(() -> onlyDelivery(id),
					delivery -> delivery.get("state").asString().equals("delivered"));
			assertThat(done.get("lastStatus").asInt()).isEqualTo(200);
			assertThat(done.get("lastError").isNull()).isTrue();
			assertThat(done.get("nextAttemptAt").isNull()).isTrue();
			// the 503 counts as a failed attempt; the same event, signed the same, came again
			List<WebhookReceiver.Request> got = receiver.requests("/down");
			assertThat(got).hasSize(2);
			assertThat(got).extracting(WebhookReceiver.Request::eventId).containsOnly(eventId);
			assertThat(got).extracting(WebhookReceiver.Request::body).containsOnly(got.get(0).body());
			JsonNode body = verified(got.get(1), secret);
			assertThat(body.get("type").asString()).isEqualTo("test");
			assertThat(body.get("data").get("webhookId").asLong()).isEqualTo(id);
			assertThat(done.get("attempts").asInt()).isGreaterThanOrEqualTo(failing.get("attempts").asInt() + 2);
		}
	}

	@Test
	void aDeliveryIsGivenUpAfterTheLastAttemptAndShownAsFailed() {
		long id = create("http://127.0.0.1:" + WebhookReceiver.freePort() + "/never", List.of("diagnosis-found"),
				unique("never-secret-xyz"));
		assertThat(api.asAdmin().post(WEBHOOKS + "/" + id + "/test", Map.of()).status()).isEqualTo(202);

		JsonNode failed = await().atMost(PATIENCE).until(() -> onlyDelivery(id),
				delivery -> delivery.get("state").asString().equals("failed"));
		assertThat(failed.get("attempts").asInt()).isEqualTo(settings.maxAttempts());
		assertThat(failed.get("nextAttemptAt").isNull()).isTrue();
		assertThat(failed.get("lastError").asString()).isNotBlank();
		assertThat(api.asAdmin().get(WEBHOOKS + "/" + id).json().get("failed").asLong()).isEqualTo(1);
		assertThat(api.asAdmin().get(WEBHOOKS + "/" + id + "/deliveries?state=failed").json().get("totalItems").asLong())
			.isEqualTo(1);
		assertThat(admin().get("/webhooks").body()).contains("1 failed");
		assertThat(admin().get("/webhooks/" + id).body()).contains("id=\"failed-note\"");
	}

	/**
	 * A second instance over the same database sends deliveries too: while the receiver holds
	 * its answers, both instances hold claims, on different deliveries; no event is sent twice.
	 */
	@Test
	void twoInstancesNeverSendOneDeliveryTwice() {
		String cluster = unique("busy");
		int count = 30;
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			long id = create(receiver.url("/many"), List.of("diagnosis-found"), unique("many-secret-xyz"));
			DeliverySender other = new DeliverySender(deliveries, webhookStore, client, cipher, settings, clock);
			receiver.hold();
			other.start();
			try {
				inTransaction(() -> {
					for (int i = 0; i < count; i++) {
						events.publishEvent(new DiagnosisFound(9, cluster, "ntp-unsynchronized", "node-" + i,
								"NTP state unsynchronized", clock.instant()));
					}
				});
				// each instance's workers are all busy sending, each with a delivery of its own
				await().atMost(PATIENCE).until(() -> jdbc.queryForObject("""
						SELECT count(DISTINCT claimed_by) FROM webhook_delivery
						WHERE webhook_id = ? AND claimed_by IS NOT NULL""", Integer.class, id) == 2
						&& receiver.requests("/many").size() >= 2 * settings.threads());
				receiver.release();
				await().atMost(PATIENCE).until(() -> delivered(id) == count);
			}
			finally {
				other.stop();
			}
			List<WebhookReceiver.Request> got = receiver.requests("/many");
			assertThat(got).hasSize(count);
			assertThat(got).extracting(WebhookReceiver.Request::eventId).doesNotHaveDuplicates();
		}
	}

	@Test
	void finishedDeliveriesAreForgottenAfterTheyWereKeptAndPendingOnesNever() {
		long id = create(unique("old"), "http://127.0.0.1:9/old", List.of("diagnosis-found"), "sixteen-characters");
		jdbc.update("UPDATE webhook SET enabled = false WHERE id = ?", id);
		Instant old = clock.instant().minus(settings.keep()).minus(Duration.ofMinutes(1));
		Instant recent = clock.instant().minus(settings.keep()).plus(Duration.ofMinutes(1));
		long oldDelivered = delivery(id, "delivered", old);
		long oldFailed = delivery(id, "failed", old);
		long oldPending = delivery(id, "pending", old);
		long recentDelivered = delivery(id, "delivered", recent);
		DeliverySender sender = new DeliverySender(deliveries, webhookStore, client, cipher, settings, clock);

		assertThat(sender.prune()).isGreaterThanOrEqualTo(2);
		assertThat(jdbc.queryForList("SELECT id FROM webhook_delivery WHERE webhook_id = ? ORDER BY id", Long.class, id))
			.containsExactly(oldPending, recentDelivered)
			.doesNotContain(oldDelivered, oldFailed);
	}

	@Test
	void badInputIsRefusedWithTheFieldNamed() {
		Api admin = api.asAdmin();
		assertInvalidField(admin.post(WEBHOOKS, request(unique("w"), "ftp://example.com/hook", List.of("test-x"),
				"sixteen-characters")), "url");
		assertInvalidField(admin.post(WEBHOOKS, request(unique("w"), "https://user:pw@example.com/hook",
				List.of("diagnosis-found"), "sixteen-characters")), "url");
		assertInvalidField(admin.post(WEBHOOKS, request(unique("w"), "not a url", List.of("diagnosis-found"),
				"sixteen-characters")), "url");
		assertInvalidField(admin.post(WEBHOOKS, request(unique("w"), "https://example.com/hook", List.of(),
				"sixteen-characters")), "events");
		assertInvalidField(admin.post(WEBHOOKS, request(unique("w"), "https://example.com/hook",
				List.of("diagnosis-found", "coffee-ready"), "sixteen-characters")), "events[1]");
		// a test event goes to one webhook on request; it is not subscribed to
		assertInvalidField(admin.post(WEBHOOKS, request(unique("w"), "https://example.com/hook", List.of("test"),
				"sixteen-characters")), "events[0]");
		assertInvalidField(admin.post(WEBHOOKS, request(unique("w"), "https://example.com/hook",
				List.of("diagnosis-found"), "short")), "secret");
		Map<String, Object> noSecret = request(unique("w"), "https://example.com/hook", List.of("diagnosis-found"),
				"x".repeat(16));
		noSecret.remove("secret");
		assertInvalidField(admin.post(WEBHOOKS, noSecret), "secret");
		assertInvalidField(admin.post(WEBHOOKS, request(" ", "https://example.com/hook", List.of("diagnosis-found"),
				"sixteen-characters")), "name");
		assertProblem(admin.post(WEBHOOKS, "{\"name\":"), 400, "");

		String name = unique("taken");
		create(name, "https://example.com/a", List.of("diagnosis-found"), "sixteen-characters");
		assertConflictOnField(admin.post(WEBHOOKS, request(name, "https://example.com/b", List.of("diagnosis-found"),
				"sixteen-characters")), "name");
		long id = created.get(created.size() - 1);
		Map<String, Object> stale = request(name, "https://example.com/c", List.of("diagnosis-found"), null);
		stale.put("version", 5);
		assertProblem(admin.put(WEBHOOKS + "/" + id, stale), 409, "");
		assertProblem(admin.get(WEBHOOKS + "/" + id + "/deliveries?state=lost"), 400, "invalid-input");
		assertProblem(admin.get(WEBHOOKS + "/999999999"), 404, "not-found");
		assertProblem(admin.post(WEBHOOKS + "/999999999/test", Map.of()), 404, "not-found");
	}

	@Test
	void onlyAdminsManageWebhooks() {
		long id = create(unique("admins"), "https://example.com/hook", List.of("diagnosis-found"),
				"sixteen-characters");
		for (String role : List.of("viewer", "operator")) {
			TestAccount account = Fixtures.account(api, role);
			assertProblem(account.client().get(WEBHOOKS), 403, "forbidden");
			assertProblem(account.client().get(WEBHOOKS + "/" + id), 403, "forbidden");
			assertProblem(account.client().post(WEBHOOKS + "/" + id + "/test", Map.of()), 403, "forbidden");
			assertProblem(account.client().delete(WEBHOOKS + "/" + id), 403, "forbidden");
			assertThat(DashboardSession.logIn(baseUrl(), account.username(), account.password()).get("/webhooks")
				.statusCode()).isEqualTo(403);
		}
		assertThat(api.asAdmin().get(WEBHOOKS + "/" + id).status()).isEqualTo(200);
	}

	@Test
	void theSecretNeverLeavesTfmesh() {
		String secret = "never-shown-" + unique("s");
		String name = unique("sealed");
		Api admin = api.asAdmin();
		Api.Response createdResponse = admin.post(WEBHOOKS,
				request(name, "https://example.com/sealed", List.of("diagnosis-found"), secret));
		assertThat(createdResponse.status()).as(createdResponse.toString()).isEqualTo(201);
		long id = createdResponse.json().get("id").asLong();
		created.add(id);
		String changed = "changed-" + secret;
		Map<String, Object> update = request(name, "https://example.com/sealed2", List.of("diagnosis-found"), changed);
		update.put("version", 0);
		Api.Response updated = admin.put(WEBHOOKS + "/" + id, update);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(admin.post(WEBHOOKS + "/" + id + "/test", Map.of()).status()).isEqualTo(202);

		DashboardSession pages = admin();
		List<String> answers = List.of(createdResponse.body(), updated.body(), admin.get(WEBHOOKS).body(),
				admin.get(WEBHOOKS + "/" + id).body(), admin.get(WEBHOOKS + "/" + id + "/deliveries").body(),
				admin.get("/api/v1/audit?objectType=webhook&objectId=" + id).body(), pages.get("/webhooks").body(),
				pages.get("/webhooks/" + id).body(), pages.get("/webhooks/" + id + "/edit").body(),
				pages.get("/webhooks/" + id + "/delete").body());
		for (String answer : answers) {
			assertThat(answer).doesNotContain(secret).doesNotContainIgnoringCase("\"secret\":");
		}
		assertThat(admin.get("/api/v1/audit?objectType=webhook&objectId=" + id).body()).contains("changedSecrets");
		// stored sealed: neither value is in any column, and the stored one opens to the new value
		Map<String, Object> row = jdbc.queryForMap("SELECT * FROM webhook WHERE id = ?", id);
		for (Map.Entry<String, Object> column : row.entrySet()) {
			String value = column.getValue() instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
					: String.valueOf(column.getValue());
			assertThat(value).as("column " + column.getKey()).doesNotContain(secret);
		}
		assertThat(cipher.decrypt((byte[]) row.get("secret"), WebhookService.SECRET)).isEqualTo(changed);

		// an edit without a secret keeps the one stored
		Map<String, Object> keep = request(name, "https://example.com/sealed3", List.of("diagnosis-found"), null);
		keep.put("version", 1);
		assertThat(admin.put(WEBHOOKS + "/" + id, keep).status()).isEqualTo(200);
		assertThat(cipher.decrypt(jdbc.queryForObject("SELECT secret FROM webhook WHERE id = ?", byte[].class, id),
				WebhookService.SECRET)).isEqualTo(changed);
	}

	private long create(String url, List<String> types, String secret) {
		return create(unique("hook"), url, types, secret);
	}

	private long create(String name, String url, List<String> types, String secret) {
		Api.Response response = api.asAdmin().post(WEBHOOKS, request(name, url, types, secret));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		long id = response.json().get("id").asLong();
		created.add(id);
		return id;
	}

	private static Map<String, Object> request(String name, String url, List<String> types, String secret) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("name", name);
		request.put("url", url);
		request.put("events", types);
		if (secret != null) {
			request.put("secret", secret);
		}
		return request;
	}

	/** Checks what every request carries and the signature, computed here from the raw body. */
	private JsonNode verified(WebhookReceiver.Request request, String secret) throws Exception {
		String expected = WebhookReceiver.signature(secret, request.body());
		assertThat(request.signature()).as(request.body()).isEqualTo(expected);
		assertThat(request.contentType()).startsWith("application/json");
		JsonNode body = json.readTree(request.body());
		assertThat(request.eventId()).isEqualTo(body.get("id").asString());
		assertThat(request.eventType()).isEqualTo(body.get("type").asString());
		assertThat(body.get("occurredAt").asString()).isNotBlank();
		assertThat(body.get("data").isObject()).isTrue();
		return body;
	}

	private long draftPlan() {
		return jdbc.queryForObject("""
				INSERT INTO plan (mesh_name, state, author, created_at, updated_at, expires_at, base_revision)
				VALUES ('webhooks', 'draft', ?, now(), now(), now() + interval '1 day', '{}'::jsonb)
				RETURNING id""", Long.class, ADMIN);
	}

	private long delivery(long webhook, String state, Instant at) {
		Timestamp time = Timestamp.from(at);
		return jdbc.queryForObject("""
				INSERT INTO webhook_delivery (webhook_id, event_id, event_type, payload, state, attempts, created_at,
				  last_attempt_at, delivered_at, next_attempt_at)
				VALUES (?, gen_random_uuid(), 'diagnosis-found', '{}', ?, 1, ?, ?, ?, ?) RETURNING id""", Long.class,
				webhook, state, time, time, state.equals("delivered") ? time : null, state.equals("pending") ? time : null);
	}

	private long delivered(long webhook) {
		return jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE webhook_id = ? AND state = 'delivered'",
				Long.class, webhook);
	}

	private long pendingFor(String cluster) {
		return jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE state = 'pending' AND payload LIKE ?",
				Long.class, "%" + cluster + "%");
	}

	private JsonNode onlyDelivery(long webhook) {
		JsonNode items = api.asAdmin().get(WEBHOOKS + "/" + webhook + "/deliveries").json().get("items");
		assertThat(items.size()).isEqualTo(1);
		return items.get(0);
	}

	private DashboardSession admin() {
		return DashboardSession.logIn(baseUrl(), ADMIN, ADMIN_PASSWORD);
	}

	private String baseUrl() {
		return "http://localhost:" + port;
	}

	private void inTransaction(Runnable work) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
	}

	private void rolledBack(Runnable work) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			work.run();
			status.setRollbackOnly();
		});
	}

}
