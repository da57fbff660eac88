package io.tfmesh.apply.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.tfmesh.TfmeshApplication;
import io.tfmesh.apply.ApplySettings;
import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.plan.PlanExecution;
import io.tfmesh.plan.PlanState;
import io.tfmesh.plan.PlannedStep;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Applies one approved plan to 100 emulated clusters whose APIs answer every request 20 ms late,
 * with tfmesh's real application (embedded PostgreSQL, db-scheduler workers), and prints the
 * apply's wall time against the sum of its steps' times. Run it with
 * {@code ./mvnw -q -Papply-bench -DskipTests verify -pl backend -am}; optional arguments: the
 * number of clusters, then Spring properties such as {@code --tfmesh.apply.threads=32}.
 */
public final class ApplyBenchmark {

	private static final Duration LATENCY = Duration.ofMillis(20);

	private static final Duration LONGEST_APPLY = Duration.ofMinutes(15);

	private ApplyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// the embedded server, Flyway and every step's record report themselves; the figures are what matters
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		int clusterCount = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 100;
		List<String> springArgs = new ArrayList<>(List.of("--server.port=0",
				"--tfmesh.admin.password=" + IntegrationTestSupport.ADMIN_PASSWORD,
				"--tfmesh.fabric.observe-interval=0s", "--logging.level.root=WARN",
				// 100 clusters answering late on a busy machine: an observation must not give up on one
				"--tfmesh.fabric.observation-timeout=60s"));
		for (String arg : args) {
			if (arg.startsWith("--")) {
				springArgs.add(arg);
			}
		}
		Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "apply-bench-");
		springArgs.add("--tfmesh.data-dir=" + work.resolve("tfmesh"));
		JsonMapper emulatorJson = JsonMapper.builder().build();
		String network = LoopbackNetworks.reserve();
		ExecutorService setup = Executors.newFixedThreadPool(8);
		List<BenchCluster> clusters = new ArrayList<>();
		try {
			for (Future<BenchCluster> started : setup.invokeAll(tasks(clusterCount, index -> {
				String name = "bench-" + String.format(Locale.ROOT, "%03d", index);
				BenchCluster cluster = BenchCluster.start(name, network + "." + (index / 250) + "." + (index % 250 + 1),
						work.resolve(name), emulatorJson);
				cluster.latency(LATENCY);
				return cluster;
			}))) {
				clusters.add(started.get());
			}
			try (ConfigurableApplicationContext tfmesh = new SpringApplicationBuilder(TfmeshApplication.class)
				.run(springArgs.toArray(String[]::new))) {
				run(tfmesh, clusters, setup);
			}
		}
		finally {
			setup.shutdownNow();
			clusters.forEach(BenchCluster::close);
		}
	}

	private static void run(ConfigurableApplicationContext tfmesh, List<BenchCluster> clusters, ExecutorService setup)
			throws Exception {
		JsonMapper json = tfmesh.getBean(JsonMapper.class);
		JdbcTemplate jdbc = tfmesh.getBean(JdbcTemplate.class);
		ObservationService observations = tfmesh.getBean(ObservationService.class);
		int port = ((WebServerApplicationContext) tfmesh).getWebServer().getPort();
		Api admin = new Api("http://localhost:" + port, json).asAdmin();
		long cloudId = Fixtures.createCloud(admin, "bench-cloud");

		// registered and observed as an operator's plan would find them
		List<Long> ids = new ArrayList<>();
		for (Future<Long> registered : setup.invokeAll(
				tasks(clusters.size(), index -> clusters.get(index).register(admin, cloudId)))) {
			ids.add(registered.get());
		}
		Map<Long, String> base = new LinkedHashMap<>();
		for (long id : ids) {
			ObservedState found = observations.observe(id);
			if (!found.complete()) {
				throw new IllegalStateException(found.clusterName() + " was not observed completely: " + found.sources());
			}
			base.put(found.clusterId(), found.revision());
		}
		List<PlannedStep> steps = new ArrayList<>();
		Set<String> expectedKubernetes = new TreeSet<>();
		for (int index = 0; index < clusters.size(); index++) {
			steps.addAll(BenchPlan.forCluster(ids.get(index), clusters.get(index).name, index));
		}
		long planId = PlanRows.insertApproved(jdbc, json, "bench-mesh", base, steps);

		// counted from here on: what the apply writes, and nothing before it
		List<Set<String>> podKeys = new ArrayList<>();
		for (BenchCluster cluster : clusters) {
			podKeys.add(cluster.podKeys(List.of(BenchPlan.KUBE_MANAGER, BenchPlan.VROUTER_AGENT)));
			cluster.resetWrites();
			cluster.latency(LATENCY);
		}

		PlanExecution execution = tfmesh.getBean(PlanExecution.class);
		Instant asked = Instant.now();
		PlanState started = execution.start(planId, "bench-operator");
		Instant applying = Instant.now();
		if (started != PlanState.APPLYING) {
			throw new IllegalStateException("plan " + planId + " did not start: it is " + started.id() + " ("
					+ jdbc.queryForObject("SELECT failure FROM plan WHERE id = ?", String.class, planId) + ")");
		}
		await().atMost(LONGEST_APPLY)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> jdbc.queryForObject("SELECT finished_at IS NOT NULL FROM plan WHERE id = ?", Boolean.class,
					planId));

		Map<String, Object> plan = jdbc.queryForMap(
				"SELECT state, failure, apply_started_at, finished_at FROM plan WHERE id = ?", planId);
		Map<String, Object> sums = jdbc.queryForMap("""
				SELECT count(*) AS steps, count(*) FILTER (WHERE state = 'done') AS done,
				       count(DISTINCT cluster_id) AS clusters, coalesce(sum(duration_ms), 0) AS step_ms,
				       max(attempts) AS attempts, min(started_at) AS first_start, max(finished_at) AS last_finish
				FROM plan_step WHERE plan_id = ?""", planId);
		ApplyFigures figures = new ApplyFigures(((Number) sums.get("steps")).intValue(),
				((Number) sums.get("done")).intValue(), ((Number) sums.get("clusters")).intValue(),
				tfmesh.getBean(ApplySettings.class).threads(),
				between(plan.get("apply_started_at"), plan.get("finished_at")),
				Duration.ofMillis(((Number) sums.get("step_ms")).longValue()));

		WriteTally writes = WriteTally.empty();
		for (int index = 0; index < clusters.size(); index++) {
			BenchCluster cluster = clusters.get(index);
			Set<String> kubernetes = new TreeSet<>(BenchPlan.kubernetesObjects());
			kubernetes.addAll(podKeys.get(index));
			writes = writes.plus(WriteTally.of(cluster.kubernetes.writes(), kubernetes))
				.plus(WriteTally.of(cluster.tungstenFabric.writes(), Set.copyOf(BenchPlan.tfObjects())));
		}

		ApplySettings settings = tfmesh.getBean(ApplySettings.class);
		System.out.printf(Locale.ROOT, "%nApply benchmark: one plan over %d emulated clusters, %d ms added to every "
				+ "answer of their Kubernetes and TF config APIs%n", clusters.size(), LATENCY.toMillis());
		System.out.printf(Locale.ROOT, "JVM: %s %s, %d cores; tfmesh.apply: threads %d, polling-interval %s, "
				+ "database pool %s%n", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
				Runtime.getRuntime().availableProcessors(), settings.threads(), settings.pollingInterval(),
				tfmesh.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", "10"));
		System.out.printf(Locale.ROOT, "plan %d ended %s%s%n", planId, plan.get("state"),
				plan.get("failure") == null ? "" : ": " + plan.get("failure"));
		figures.lines().forEach(System.out::println);
		System.out.printf(Locale.ROOT, "first step start -> last step end %.3f s; most attempts of a step %s%n",
				between(sums.get("first_start"), sums.get("last_finish")).toMillis() / 1000.0, sums.get("attempts"));
		System.out.printf(Locale.ROOT, "start() re-observed the clusters in %.3f s before the plan went applying%n",
				Duration.between(asked, applying).toMillis() / 1000.0);
		System.out.println("writes                      " + writes.summary());
		System.out.println();
		if (!PlanState.APPLIED.id().equals(plan.get("state")) || figures.done() != figures.steps()
				|| !writes.exactlyOnce()) {
			throw new IllegalStateException("the apply did not do every step exactly once");
		}
	}

	private static Duration between(Object from, Object to) {
		return Duration.between(((Timestamp) from).toInstant(), ((Timestamp) to).toInstant());
	}

	private interface ForIndex<T> {

		T apply(int index) throws Exception;

	}

	private static <T> List<Callable<T>> tasks(int count, ForIndex<T> task) {
		List<Callable<T>> tasks = new ArrayList<>();
		for (int index = 0; index < count; index++) {
			int at = index;
			tasks.add(() -> task.apply(at));
		}
		return tasks;
	}

}
