package io.tfmesh.health.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micrometer.core.instrument.MeterRegistry;
import io.tfmesh.TfmeshApplication;
import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.health.HealthSettings;
import io.tfmesh.inventory.ClusterRequest;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lets the health collectors of tfmesh's real application (embedded PostgreSQL, the scheduled
 * polls) poll one emulated cluster of 200 nodes (a controller running every TF pod, 199 vrouter
 * workers, each node's introspect on an address of its own) every 10 s for a minute, and prints
 * the CPU time used in that minute. The emulators run in the same JVM: their threads' CPU time
 * is measured apart and taken out, and the embedded PostgreSQL's (processes of their own) is added.
 *
 * <p>Run it with {@code ./mvnw -q -Phealth-bench -DskipTests verify -pl backend -am}; optional
 * arguments: the number of nodes, then Spring properties such as
 * {@code --tfmesh.health.poll-interval=5s}.
 */
public final class HealthBenchmark {

	private static final Duration MEASURED = Duration.ofMinutes(1);

	private static final List<String> CONTROLLER_PODS = List.of("control", "config", "kubernetes", "analytics",
			"database", "config-database", "webui", "vrouter", "analytics-alarm", "analytics-snmp");

	// the emulators' threads: introspect ports, the Kubernetes API server, its DaemonSet controller
	private static final List<String> EMULATOR_THREADS = List.of("introspect-", "vert.x-", "emulated-",
			"MockWebServer", "tf-config-api-emulator");

	private HealthBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		int nodeCount = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 200;
		List<String> springArgs = new ArrayList<>(List.of("--server.port=0",
				"--tfmesh.admin.password=" + IntegrationTestSupport.ADMIN_PASSWORD, "--logging.level.root=WARN",
				"--tfmesh.fabric.observe-interval=0s", "--tfmesh.onboarding.enabled=false",
				"--tfmesh.health.poll-interval=10s"));
		springArgs.addAll(List.of(args).stream().filter(arg -> arg.startsWith("--")).toList());
		Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "health-bench-");
		springArgs.add("--tfmesh.data-dir=" + work.resolve("tfmesh"));

		String network = LoopbackNetworks.reserve();
		List<SeedNode> nodes = new ArrayList<>();
		List<IntrospectEmulator> introspect = new ArrayList<>();
		String master = network + ".0.1";
		EmulatedKubernetes kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, work.resolve("kubernetes"));
		try {
			for (int index = 0; index < nodeCount; index++) {
				String address = network + "." + (index / 250) + "." + (index % 250 + 1);
				String name = String.format(Locale.ROOT, "node-%03d", index);
				if (index == 0) {
					nodes.add(new SeedNode(name, address, List.of("control-plane", "opencontrail.org/controller")));
					List<SandeshProcess> services = new ArrayList<>();
					CONTROLLER_PODS.forEach(pod -> services.addAll(SandeshProcess.ofPod(pod)));
					introspect.add(IntrospectEmulator.start(address, name, services));
				}
				else {
					nodes.add(new SeedNode(name, address, List.of("opencontrail.org/vrouter")));
					introspect.add(IntrospectEmulator.start(address, name, SandeshProcess.ofPod("vrouter"),
							List.of(master)));
				}
			}
			kubernetes.seed(new KubernetesSeed("v1.28.15", "10.32.0.0/12", "10.96.0.0/12", "cluster.local", nodes,
					Map.of("CONTROLLER_NODES", master, "VROUTER_GATEWAY", "10.0.0.1"),
					KubernetesSeed.kubeManagerConfig(master)));
			try (ConfigurableApplicationContext tfmesh = new SpringApplicationBuilder(TfmeshApplication.class)
				.run(springArgs.toArray(String[]::new))) {
				run(tfmesh, kubernetes, nodeCount, work.resolve("tfmesh").resolve("postgres"));
			}
		}
		finally {
			introspect.forEach(IntrospectEmulator::close);
			kubernetes.close();
		}
	}

	private static void run(ConfigurableApplicationContext tfmesh, EmulatedKubernetes kubernetes, int nodeCount,
			Path databaseDir) throws Exception {
		HealthSettings settings = tfmesh.getBean(HealthSettings.class);
		JdbcTemplate jdbc = tfmesh.getBean(JdbcTemplate.class);
		MeterRegistry meters = tfmesh.getBean(MeterRegistry.class);
		JsonMapper json = tfmesh.getBean(JsonMapper.class);
		int port = ((WebServerApplicationContext) tfmesh).getWebServer().getPort();
		Api admin = new Api("http://localhost:" + port, json).asAdmin();
		long cloudId = Fixtures.createCloud(admin, "bench-cloud");
		ClusterService clusters = tfmesh.getBean(ClusterService.class);
		long clusterId = clusters.create(json.convertValue(Map.of("name", "bench-health", "cloudId", cloudId,
				"kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "bench-token"),
				"tungstenFabric", Map.of("apiUrl", "http://127.0.0.1:9", "auth", "noauth"), "controlNodes",
				List.of()), ClusterRequest.class)).id();

		System.out.printf(Locale.ROOT, "%nHealth benchmark: 1 cluster of %d emulated nodes, polled every %s s "
				+ "(parallelism %d, request timeout %s s); JVM %s, %d cores%n", nodeCount,
				settings.pollInterval().toSeconds(), settings.parallelism(), settings.requestTimeout().toSeconds(),
				System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors());
		// the first polls load classes and warm the JIT: the minute measured starts after two
		awaitPolls(meters, 2, settings.pollInterval().multipliedBy(20));
		Cpu before = Cpu.now(databaseDir);
		ThreadCpu emulators = ThreadCpu.start();
		double pollsBefore = polls(meters);
		Instant since = Instant.now();
		TimeUnit.MILLISECONDS.sleep(MEASURED.toMillis());
		Cpu after = Cpu.now(databaseDir);
		long emulatorNanos = emulators.stop();
		double polls = polls(meters) - pollsBefore;
		Map<String, Object> readings = jdbc.queryForMap("""
				SELECT count(*) AS readings, count(*) FILTER (WHERE state = 'active') AS active
				FROM health_reading WHERE cluster_id = ? AND read_at >= ?""", clusterId, Timestamp.from(since));

		long jvm = after.jvmNanos() - before.jvmNanos();
		long database = after.databaseNanos() - before.databaseNanos();
		long tfmeshNanos = jvm - emulatorNanos + database;
		double wall = MEASURED.toNanos();
		System.out.printf(Locale.ROOT, "%.0f polls in %d s; %s readings refreshed in that minute, %s of them active%n",
				polls, MEASURED.toSeconds(), readings.get("readings"), readings.get("active"));
		System.out.printf(Locale.ROOT, "CPU time in %d s: JVM %.1f s, of it emulators %.1f s; embedded PostgreSQL %.1f s%n",
				MEASURED.toSeconds(), jvm / 1e9, emulatorNanos / 1e9, database / 1e9);
		System.out.printf(Locale.ROOT, "tfmesh (JVM without the emulators, with PostgreSQL): %.1f s CPU = %.2f of a core%n%n",
				tfmeshNanos / 1e9, tfmeshNanos / wall);
	}

	private static double polls(MeterRegistry meters) {
		return meters.find("tfmesh.health.polls").counters().stream().mapToDouble(c -> c.count()).sum();
	}

	private static void awaitPolls(MeterRegistry meters, int count, Duration atMost) throws InterruptedException {
		Instant deadline = Instant.now().plus(atMost);
		while (polls(meters) < count) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("no " + count + " polls within " + atMost);
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
	}

	/** The CPU time of this JVM and of the embedded PostgreSQL's processes. */
	private record Cpu(long jvmNanos, long databaseNanos) {

		/** @param databaseDir the embedded PostgreSQL's data directory, which its server's command line names */
		static Cpu now(Path databaseDir) {
			long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
			// pg_ctl starts the server detached: it is no child of this JVM, but its backends are its own children
			String server = "-D " + databaseDir;
			long database = ProcessHandle.allProcesses()
				.filter(process -> process.info().commandLine().map(line -> line.contains(server)).orElse(false))
				.flatMap(process -> Stream.concat(Stream.of(process),
						process.descendants()))
				.mapToLong(Cpu::procCpu)
				.sum();
			return new Cpu(jvm, database);
		}

		// utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms
		private static long procCpu(ProcessHandle process) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
			}
			catch (Exception ex) {
				return 0;
			}
		}

	}

	/**
	 * The CPU time of the emulators' threads, sampled every 200 ms so that a thread that ends
	 * in between keeps what it used until its last sample.
	 */
	private static final class ThreadCpu {

		private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

		private final Map<Long, Long> first = new ConcurrentHashMap<>();

		private final Map<Long, Long> last = new ConcurrentHashMap<>();

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "bench-sampler");
			thread.setDaemon(true);
			return thread;
		});

		static ThreadCpu start() {
			ThreadCpu cpu = new ThreadCpu();
			cpu.sample(true);
			cpu.sampler.scheduleAtFixedRate(() -> cpu.sample(false), 200, 200, TimeUnit.MILLISECONDS);
			return cpu;
		}

		private void sample(boolean start) {
			for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
				if (info == null || EMULATOR_THREADS.stream().noneMatch(info.getThreadName()::startsWith)) {
					continue;
				}
				long nanos = threads.getThreadCpuTime(info.getThreadId());
				if (nanos < 0) {
					continue;
				}
				// a thread started during the minute counts from zero
				first.putIfAbsent(info.getThreadId(), start ? nanos : 0L);
				last.put(info.getThreadId(), nanos);
			}
		}

		long stop() {
			sampler.shutdownNow();
			sample(false);
			return last.entrySet().stream().mapToLong(entry -> entry.getValue() - first.get(entry.getKey())).sum();
		}

	}

}
