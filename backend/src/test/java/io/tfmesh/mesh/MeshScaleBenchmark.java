package io.tfmesh.mesh;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.TfmeshApplication;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * tfmesh over HTTP with a mesh of many members, each with its three blocks and an observation,
 * generated in the database: the mesh page, the conflicts and the allocations listing (median
 * and p99), one allocation (median), each beside GET /actuator/health in the same run.
 * {@code ./mvnw -q -Pmesh-bench -DskipTests verify -pl backend -am} (mesh-bench.members, 10000).
 */
public final class MeshScaleBenchmark {

	private static final int SAMPLES = 40;

	private static final int WARM_UP = 5;

	/** Requests sent before any timing, to the health check, which every request's path shares. */
	private static final int JIT_WARM_UP = 500;

	/** Members without blocks, so that each single allocation does the same work. */
	private static final int SPARE = SAMPLES + WARM_UP;

	private MeshScaleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int members = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		Path data = Files.createTempDirectory("mesh-bench-");
		try {
			run(members, data);
		}
		finally {
			FileSystemUtils.deleteRecursively(data);
		}
	}

	private static void run(int members, Path data) throws Exception {
		String password = "bench-password-1";
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TfmeshApplication.class).run(
				"--server.port=0", "--tfmesh.data-dir=" + data, "--tfmesh.admin.password=" + password,
				"--tfmesh.fabric.observe-interval=0s", "--tfmesh.health.scheduled=false", "--logging.level.root=WARN")) {
			int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			String base = "http://localhost:" + port;
			JsonMapper json = app.getBean(JsonMapper.class);
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			Api admin = new Api(base, json).basic("admin", password);
			long cloudId = Fixtures.createCloud(admin, "bench");
			long meshId = admin.post("/api/v1/meshes", Map.of("name", "bench", "pools", List.of(
					Map.of("kind", "pod", "cidr", "10.0.0.0/9", "defaultPrefixLength", 24),
					Map.of("kind", "service", "cidr", "100.64.0.0/10", "defaultPrefixLength", 26),
					Map.of("kind", "fabric", "cidr", "10.128.0.0/9", "defaultPrefixLength", 26))))
				.json()
				.get("id")
				.asLong();
			long start = System.nanoTime();
			generate(jdbc, json, cloudId, meshId, members);
			System.out.printf(Locale.ROOT, "generated %,d members (%,d with blocks) in %.1f s%n", members + SPARE, members,
					(System.nanoTime() - start) / 1e9);
			String token = admin.post("/api/v1/tokens", Map.of("name", "bench")).json().get("token").asString();
			Api client = new Api(base, json).bearer(token);
			HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			logIn(browser, base, password);

			// the first requests of a fresh JVM run interpreted code, which would count against the first endpoint timed
			for (int i = 0; i < JIT_WARM_UP; i++) {
				client.get("/actuator/health");
			}
			Timing health = time(() -> client.get("/actuator/health").status());
			Timing page = time(() -> get(browser, base + "/meshes/" + meshId));
			Timing conflicts = time(() -> client.get("/api/v1/meshes/" + meshId + "/conflicts").status());
			Timing allocations = time(() -> client.get("/api/v1/meshes/" + meshId + "/allocations").status());
			List<Long> spare = jdbc.queryForList("""
					SELECT mm.cluster_id FROM mesh_member mm WHERE mm.mesh_id = ? AND NOT EXISTS
					  (SELECT 1 FROM allocation a WHERE a.cluster_id = mm.cluster_id) ORDER BY mm.cluster_id""", Long.class,
					meshId);
			int[] next = { 0 };
			Timing allocation = time(() -> client.post("/api/v1/meshes/" + meshId + "/allocations",
					Map.of("clusterIds", List.of(spare.get(next[0]++)), "kinds", List.of("pod"), "asn", false)).status());
			System.out.printf(Locale.ROOT, "%-26s %10s %10s %14s%n", "at " + members + " members", "median ms", "p99 ms",
					"median/health");
			for (var entry : List.of(Map.entry("GET /actuator/health", health), Map.entry("mesh page", page),
					Map.entry("conflicts (first page)", conflicts), Map.entry("allocations (first page)", allocations),
					Map.entry("one allocation", allocation))) {
				Timing timing = entry.getValue();
				System.out.printf(Locale.ROOT, "%-26s %10.1f %10.1f %13.0fx%n", entry.getKey(), timing.median(), timing.p99(),
						timing.median() / health.median());
			}
		}
	}

	/** Milliseconds of each sample after the warm-up; a sample whose status is not 200 stops the run. */
	private record Timing(double[] millis) {

		double median() {
			return millis[millis.length / 2];
		}

		double p99() {
			return millis[(int) Math.ceil(millis.length * 0.99) - 1];
		}

	}

	private interface Request {

		int send() throws Exception;

	}

	private static Timing time(Request request) throws Exception {
		double[] millis = new double[SAMPLES];
		for (int i = 0; i < WARM_UP + SAMPLES; i++) {
			long start = System.nanoTime();
			int status = request.send();
			if (status != 200) {
				throw new IllegalStateException("answered " + status);
			}
			if (i >= WARM_UP) {
				millis[i - WARM_UP] = (System.nanoTime() - start) / 1e6;
			}
		}
		Arrays.sort(millis);
		return new Timing(millis);
	}

	private static int get(HttpClient browser, String url) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	private static void logIn(HttpClient browser, String base, String password) throws Exception {
		String form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on the login page");
		}
		browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + password + "&_csrf=" + csrf.group(1)))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	/**
	 * Clusters, memberships, one pod, service and fabric block each, and an observation each:
	 * nine in ten use their own blocks, one in ten runs with TF's default CIDRs, so the conflicts
	 * hold a few blocks shared by a thousand clusters.
	 */
	private static void generate(JdbcTemplate jdbc, JsonMapper json, long cloudId, long meshId, int members) {
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> clusters = new ArrayList<>();
		for (int i = 0; i < members + SPARE; i++) {
			clusters.add(new Object[] { String.format("c%05d", i), cloudId, now, now });
		}
		jdbc.batchUpdate("""
				INSERT INTO cluster (name, cloud_id, k8s_api_url, k8s_auth_mode, k8s_token_secret, tf_api_url,
				  tf_auth_mode, tf_cluster_name, bgp_asn, control_nodes, kube_manager_namespace,
				  kube_manager_config_maps, created_at, updated_at)
				VALUES (?, ?, 'https://10.0.0.1:6443', 'TOKEN', '\\x00', 'http://10.0.0.1:8082', 'NOAUTH', 'k8s', 64512,
				  '{}', 'kube-system', '{env}', ?, ?)""", clusters);
		List<Long> ids = jdbc.queryForList("SELECT id FROM cluster WHERE cloud_id = ? ORDER BY name", Long.class, cloudId);
		jdbc.batchUpdate("INSERT INTO mesh_member (mesh_id, cluster_id, joined_at, asn) VALUES (?, ?, ?, ?)",
				ids.stream().map(id -> new Object[] { meshId, id, now, null }).toList());
		List<Object[]> blocks = new ArrayList<>();
		List<Object[]> observations = new ArrayList<>();
		for (int i = 0; i < members; i++) {
			String pod = "10." + (i >> 8) + "." + (i & 255) + ".0/24";
			String service = block(100L << 24 | 64L << 16, i, 26);
			String fabric = block(10L << 24 | 128L << 16, i, 26);
			blocks.add(new Object[] { meshId, "pod", ids.get(i), pod, now });
			blocks.add(new Object[] { meshId, "service", ids.get(i), service, now });
			blocks.add(new Object[] { meshId, "fabric", ids.get(i), fabric, now });
			String name = String.format("c%05d", i);
			Observed observed = i % 10 == 0 ? Observed.defaults(name) : Observed.subnets(name, pod, service, fabric);
			observations.add(new Object[] { ids.get(i), now, json.writeValueAsString(observed.state()) });
		}
		jdbc.batchUpdate("""
				INSERT INTO allocation (mesh_id, kind, cluster_id, cidr, created_at, created_by)
				VALUES (?, ?, ?, ?::cidr, ?, 'bench')""", blocks);
		jdbc.batchUpdate("""
				INSERT INTO cluster_observation (cluster_id, observed_at, duration_ms, complete, content_hash, state)
				VALUES (?, ?, 1, true, 'bench', ?::jsonb)""", observations);
	}

	private static String block(long base, int index, int length) {
		long start = base + ((long) index << (32 - length));
		return (start >> 24 & 255) + "." + (start >> 16 & 255) + "." + (start >> 8 & 255) + "." + (start & 255) + "/" + length;
	}

}
