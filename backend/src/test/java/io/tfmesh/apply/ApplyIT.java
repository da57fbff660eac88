package io.tfmesh.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.fabric8.kubernetes.api.model.Pod;
import io.tfmesh.fabric.kubernetes.ServiceExport;
import io.tfmesh.fabric.kubernetes.ServicePort;
import io.tfmesh.fabric.tf.GlobalSystemConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.plan.PlanExecution;
import io.tfmesh.plan.PlanState;
import io.tfmesh.plan.StepOperation;
import io.tfmesh.support.Api;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Plans applied to two emulated clusters over their real HTTP APIs, with the steps inserted as
 * the compiler would store them: each operation's effect, exactly once however often it runs,
 * in dependency order, through failures, cancel, a second instance and a worker that dies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplyIT {

	private static final String SYSTEM_NAMESPACE = "kube-system";

	private static final String KUBE_MANAGER = "contrail-kube-manager";

	private static final String IPAMS = "POST /network-ipams";

	private static EmulatedTarget east;

	private static EmulatedTarget west;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlanExecution execution;

	@Autowired
	PlanCompletion completion;

	@Autowired
	PlanRecords records;

	@Autowired
	StepOperations operations;

	@Autowired
	StepWorker worker;

	@Autowired
	ClusterService clusters;

	@Autowired
	ObservationService observations;

	@Autowired
	Scheduler scheduler;

	@Autowired
	CustomTask<Void> planStepTask;

	@Autowired
	RecurringTask<Void> planSweepTask;

	@Autowired
	DataSource dataSource;

	@Autowired
	ApplySettings settings;

	private long eastId;

	private long westId;

	private final List<Scheduler> extraSchedulers = new ArrayList<>();

	private final CountDownLatch releaseDeadWorker = new CountDownLatch(1);

	/** Its properties make a context of its own, which must not share the suite's database. */
	private static final Path OWN_DATA_DIR = dataDir();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	Api api;

	@DynamicPropertySource
	static void applyProperties(DynamicPropertyRegistry registry) {
		registry.add("tfmesh.data-dir", OWN_DATA_DIR::toString);
		registry.add("tfmesh.admin.password", () -> IntegrationTestSupport.ADMIN_PASSWORD);
		registry.add("tfmesh.fabric.observe-interval", () -> "0s");
		// a first observation on a busy machine outlasts the suite's usual 3 s while clients warm up
		registry.add("tfmesh.fabric.observation-timeout", () -> "20s");
		registry.add("tfmesh.apply.polling-interval", () -> "200ms");
		registry.add("tfmesh.apply.heartbeat", () -> "150ms");
		registry.add("tfmesh.apply.missed-heartbeats", () -> "4");
		registry.add("tfmesh.apply.backoff-base", () -> "50ms");
		registry.add("tfmesh.apply.backoff-max", () -> "400ms");
		registry.add("tfmesh.apply.max-attempts", () -> "6");
		registry.add("tfmesh.apply.sweep-interval", () -> "1s");
	}

	private static Path dataDir() {
		try {
			Files.createDirectories(Path.of("target"));
			return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "apply-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@BeforeAll
	static void startClusters() {
		east = EmulatedTarget.start("east", "10.32.0.0/12", "10.112.0.0/12", 64512);
		west = EmulatedTarget.start("west", "10.48.0.0/12", "10.128.0.0/12", 64513);
	}

	@AfterAll
	static void stopClusters() {
		east.close();
		west.close();
	}

	@BeforeEach
	void registerClusters() {
		api = new Api("http://localhost:" + port, json);
		eastId = east.register(api.asAdmin(), unique("east"));
		westId = west.register(api.asAdmin(), unique("west"));
	}

	@AfterEach
	void clearFaults() {
		releaseDeadWorker.countDown();
		extraSchedulers.forEach(Scheduler::stop);
		scheduler.resume();
		for (EmulatedTarget target : List.of(east, west)) {
			target.tungstenFabric.resetFaults();
			target.kubernetes.latency(Duration.ZERO);
			target.kubernetes.down(false);
		}
	}

	@Test
	void everyKindOfStepIsCarriedOutInDependencyOrderAndRunningItAgainWritesNothing() {
		String ipam = unique("ipam");
		String gone = unique("gone-ipam");
		String imported = unique("orders-west");
		String removed = unique("old-import");
		String key = "TFMESH_" + unique("k").replace('-', '_').toUpperCase();
		List<String> oldPods = kubeManagerPods(east);
		assertThat(oldPods).isNotEmpty();
		long planId = plan(step("ipam", eastId, write(ipam, "10.200.0.0/24")),
				step("env", eastId, new StepOperation.SetConfigMapKeys(SYSTEM_NAMESPACE, "env", Map.of(key, "on"),
						List.of("VROUTER_GATEWAY")), "ipam"),
				step("restart", eastId, new StepOperation.RestartPods(SYSTEM_NAMESPACE, KUBE_MANAGER), "env"),
				step("gone-create", eastId, write(gone, "10.201.0.0/24")),
				step("gone-delete", eastId, new StepOperation.DeleteTfObject(NetworkIpam.TYPE, fqName(gone)),
						"gone-create"),
				step("import", eastId, importService(imported, "10.128.0.10")),
				step("old-import", eastId, importService(removed, "10.128.0.11")),
				step("remove", eastId, new StepOperation.RemoveImportedService("default", removed), "old-import"),
				step("asn", westId, new StepOperation.WriteTfObject(
						new GlobalSystemConfig(null, GlobalSystemConfig.DEFAULT_FQ_NAME, 64700, false, true))));

		assertThat(execution.start(planId, "carol")).isEqualTo(PlanState.APPLYING);
		awaitPlan(planId, PlanState.APPLIED);

		Map<String, StepRow> steps = steps(planId);
		assertThat(steps.values()).allSatisfy(step -> assertThat(step.state()).isEqualTo(io.tfmesh.plan.StepState.DONE));
		assertThat(steps.get("ipam").result()).startsWith("created network-ipam");
		assertThat(steps.get("env").result()).isEqualTo("written ConfigMap kube-system/env: set " + key
				+ "; removed VROUTER_GATEWAY");
		assertThat(steps.get("restart").result()).startsWith("deleted pods " + String.join(", ", oldPods));
		assertThat(steps.get("gone-delete").result()).startsWith("deleted network-ipam");
		assertThat(steps.get("remove").result()).startsWith("deleted Service default/" + removed);
		assertThat(steps.get("asn").result()).startsWith("updated global-system-config");
		// dependency order: a step starts only once the steps it depends on are done
		assertThat(steps.get("env").startedAt()).isAfterOrEqualTo(steps.get("ipam").finishedAt());
		assertThat(steps.get("restart").startedAt()).isAfterOrEqualTo(steps.get("env").finishedAt());
		assertThat(steps.get("remove").startedAt()).isAfterOrEqualTo(steps.get("old-import").finishedAt());

		Map<String, String> env = east.kubectl.configMaps().inNamespace(SYSTEM_NAMESPACE).withName("env").get().getData();
		assertThat(env).containsEntry(key, "on").doesNotContainKey("VROUTER_GATEWAY");
		assertThat(east.kubectl.services().inNamespace("default").withName(imported).get()).isNotNull();
		assertThat(east.kubectl.discovery().v1().endpointSlices().inNamespace("default").withName(imported + "-ipv4")
			.get().getEndpoints().get(0).getAddresses()).containsExactly("10.128.0.10");
		assertThat(east.kubectl.services().inNamespace("default").withName(removed).get()).isNull();
		List<String> restarted = awaitKubeManagerPods(east, oldPods);
		assertThat(east.tungstenFabric.hasBgpRouter("east-master")).isTrue();

		Map<String, Integer> eastK8s = east.kubernetesWrites.writes();
		Map<String, Integer> eastTf = east.tfWrites.writes();
		Map<String, Integer> westTf = west.tfWrites.writes();
		assertThat(east.kubernetesWrites.writes("PATCH", "/api/v1/namespaces/kube-system/configmaps/env")).isEqualTo(1);

		// as after a crash between each write and its record: every step runs once more
		jdbc.update("UPDATE plan SET state = 'applying', finished_at = NULL WHERE id = ?", planId);
		// (not the steps whose effect a later step undoes: running both again redoes both, as it should)
		jdbc.update("""
				UPDATE plan_step SET state = 'pending'
				WHERE plan_id = ? AND step_key NOT IN ('old-import', 'gone-create')""", planId);
		jdbc.update("UPDATE plan_step SET result = ? WHERE plan_id = ? AND step_key = 'restart'",
				"restarting pods: " + String.join(", ", oldPods), planId);
		completion.settle(planId);
		awaitPlan(planId, PlanState.APPLIED);

		assertThat(east.kubernetesWrites.writes()).isEqualTo(eastK8s);
		assertThat(east.tfWrites.writes()).isEqualTo(eastTf);
		assertThat(west.tfWrites.writes()).isEqualTo(westTf);
		assertThat(steps(planId).values()).filteredOn(step -> !List.of("old-import", "gone-create").contains(step.key()))
			.allSatisfy(step -> assertThat(step.result()).containsAnyOf(StepOperations.IN_PLACE, "already absent"));
		assertThat(kubeManagerPods(east)).containsExactlyInAnyOrderElementsOf(restarted);
		assertThat(audit(planId)).containsSubsequence("apply", "applied");
	}

	@Test
	void aClusterChangedBetweenApprovalAndApplyMakesThePlanStaleAndNothingIsWritten() {
		long planId = plan(step("ipam", eastId, write(unique("ipam"), "10.202.0.0/24")),
				step("env", eastId, new StepOperation.SetConfigMapKeys(SYSTEM_NAMESPACE, "env",
						Map.of("TFMESH_STALE", "1"), List.of()), "ipam"));
		// someone edits the cluster by hand after the plan was approved
		east.kubectl.configMaps().inNamespace(SYSTEM_NAMESPACE).withName("env").edit(map -> {
			map.getData().put("EDITED_BY_HAND", unique("v"));
			return map;
		});
		int k8sWrites = east.kubernetesWrites.totalWrites();
		int tfWrites = east.tfWrites.totalWrites();

		assertThat(execution.start(planId, "carol")).isEqualTo(PlanState.STALE);

		assertThat(state(planId)).isEqualTo("stale");
		assertThat(records.plan(planId).orElseThrow().failure()).contains("changed since the plan was computed");
		assertThat(east.kubernetesWrites.totalWrites()).isEqualTo(k8sWrites);
		assertThat(east.tfWrites.totalWrites()).isEqualTo(tfWrites);
		assertThat(steps(planId).values()).allSatisfy(step -> assertThat(step.attempts()).isZero());
		assertThat(audit(planId)).containsExactly("stale");
		assertThatThrownBy(() -> execution.start(planId, "carol")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("is stale, not approved");
	}

	@Test
	void aRefusedStepFailsWithTheApiReasonAndSkipsItsDependentsWhileTheOtherClusterCompletes() {
		String westIpam = unique("ipam");
		// contrail-api refuses subnets on an IPAM that is not flat-subnet (network_ipam.py)
		long planId = plan(step("bad-ipam", eastId, new StepOperation.WriteTfObject(new NetworkIpam(null,
				fqName(unique("ipam")), "user-defined-subnet", List.of("10.203.0.0/24")))),
				step("env", eastId, new StepOperation.SetConfigMapKeys(SYSTEM_NAMESPACE, "env",
						Map.of("TFMESH_NEVER", "1"), List.of()), "bad-ipam"),
				step("restart", eastId, new StepOperation.RestartPods(SYSTEM_NAMESPACE, KUBE_MANAGER), "env"),
				step("east-independent", eastId, write(unique("ipam"), "10.204.0.0/24")),
				step("west-ipam", westId, write(westIpam, "10.205.0.0/24")));
		List<String> eastPods = kubeManagerPods(east);

		execution.start(planId, "carol");
		awaitPlan(planId, PlanState.FAILED);

		Map<String, StepRow> steps = steps(planId);
		assertThat(steps.get("bad-ipam").state()).isEqualTo(io.tfmesh.plan.StepState.FAILED);
		assertThat(steps.get("bad-ipam").attempts()).isEqualTo(1);
		assertThat(steps.get("bad-ipam").error()).contains("400");
		assertThat(steps.get("env").state()).isEqualTo(io.tfmesh.plan.StepState.SKIPPED);
		assertThat(steps.get("env").error()).isEqualTo("skipped: step bad-ipam failed");
		assertThat(steps.get("restart").error()).isEqualTo("skipped: step bad-ipam failed");
		assertThat(steps.get("east-independent").state()).isEqualTo(io.tfmesh.plan.StepState.DONE);
		assertThat(steps.get("west-ipam").state()).isEqualTo(io.tfmesh.plan.StepState.DONE);
		assertThat(records.plan(planId).orElseThrow().failure()).startsWith("step bad-ipam failed: ")
			.contains("2 dependent steps were skipped");
		assertThat(kubeManagerPods(east)).containsExactlyInAnyOrderElementsOf(eastPods);
		assertThat(audit(planId)).containsSubsequence("apply", "failed");

		Api.Response progress = api.asAdmin().get("/api/v1/plans/" + planId + "/progress");
		assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
		assertThat(progress.json().get("state").asString()).isEqualTo("failed");
		assertThat(progress.json().get("total").asInt()).isEqualTo(5);
		assertThat(progress.json().get("done").asInt()).isEqualTo(2);
		assertThat(progress.json().get("skipped").asInt()).isEqualTo(2);
		assertThat(progress.json().get("percent").asInt()).isEqualTo(100);
		assertThat(api.asAdmin().get("/api/v1/plans/987654321/progress").status()).isEqualTo(404);
	}

	@Test
	void stepsOfAClusterWhoseApiIsDownFailAfterBoundedRetriesWhileTheOtherClusterCompletes() {
		long planId = plan(step("east-ipam", eastId, write(unique("ipam"), "10.206.0.0/24")),
				step("west-ipam", westId, write(unique("ipam"), "10.207.0.0/24")));
		// the config API goes down for good after the plan was found unchanged, before its steps run
		scheduler.pause();
		assertThat(execution.start(planId, "carol")).isEqualTo(PlanState.APPLYING);
		east.tungstenFabric.down(true);
		scheduler.resume();

		awaitPlan(planId, PlanState.FAILED);

		Map<String, StepRow> steps = steps(planId);
		assertThat(steps.get("east-ipam").attempts()).isEqualTo(settings.maxAttempts());
		assertThat(steps.get("east-ipam").error()).startsWith("gave up after " + settings.maxAttempts() + " attempts");
		assertThat(steps.get("west-ipam").state()).isEqualTo(io.tfmesh.plan.StepState.DONE);
	}

	@Test
	void aConfigApiFailingAThirdOfItsRequestsStillGetsEveryObjectWrittenOnce() {
		List<Step> plan = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			plan.add(step("ipam-" + i, westId, write(unique("ipam"), "10.210." + i + ".0/24")));
		}
		int before = west.tfWrites.writes("POST", "/network-ipams");
		long planId = plan(plan.toArray(Step[]::new));

		execution.start(planId, "carol");
		// from the first step on, one request in five answers 503 and one in ten hangs up unanswered
		west.tungstenFabric.errorRate(0.2);
		west.tungstenFabric.timeoutRate(0.1, Duration.ofMillis(500));
		awaitPlan(planId, PlanState.APPLIED);

		assertThat(west.tfWrites.writes("POST", "/network-ipams") - before).isEqualTo(8);
	}

	@Test
	void cancelStopsAtTheNextStepBoundaryAndTheRunningStepFinishes() {
		long planId = plan(step("env", eastId, new StepOperation.SetConfigMapKeys(SYSTEM_NAMESPACE, "env",
				Map.of("TFMESH_CANCEL", unique("v")), List.of())),
				step("ipam", eastId, write(unique("ipam"), "10.208.0.0/24"), "env"),
				step("after", eastId, write(unique("ipam"), "10.209.0.0/24"), "ipam"));
		scheduler.pause();
		execution.start(planId, "carol");
		// the first step takes long enough to be cancelled while it runs
		east.kubernetes.latency(Duration.ofMillis(1500));
		scheduler.resume();
		await().atMost(Duration.ofSeconds(30)).until(() -> steps(planId).get("env").state() == io.tfmesh.plan.StepState.RUNNING);
		jdbc.update("UPDATE plan SET cancel_requested = true WHERE id = ?", planId);
		awaitPlan(planId, PlanState.CANCELLED);

		Map<String, StepRow> steps = steps(planId);
		assertThat(steps.get("env").state()).isEqualTo(io.tfmesh.plan.StepState.DONE);
		assertThat(steps.get("ipam").state()).isEqualTo(io.tfmesh.plan.StepState.CANCELLED);
		assertThat(steps.get("after").state()).isEqualTo(io.tfmesh.plan.StepState.CANCELLED);
		assertThat(steps.get("ipam").attempts()).isZero();
		assertThat(audit(planId)).containsSubsequence("apply", "cancel");
	}

	@Test
	void twoInstancesApplyingPlansAtOnceShareTheStepsAndRunEachOnce() {
		AtomicInteger secondRan = new AtomicInteger();
		// the second instance's own workers, with their own database session for step locks
		StepLocks secondLocks = new StepLocks(dataSource);
		StepWorker secondWorker = new StepWorker(records, completion, operations, clusters, settings, json,
				Clock.systemUTC(), secondLocks);
		Scheduler second = ApplyScheduling
			.builder(dataSource, settings, ApplyScheduling.stepTask(() -> secondWorker, settings), planSweepTask,
					"second")
			.addSchedulerListener(new AbstractSchedulerListener() {

				@Override
				public void onExecutionComplete(ExecutionComplete complete) {
					if (complete.getExecution().taskInstance.getTaskName().equals(StepQueue.STEP.getTaskName())) {
						secondRan.incrementAndGet();
					}
				}

			})
			.build();
		extraSchedulers.add(second);
		second.start();
		int eastBefore = east.tfWrites.writes("POST", "/network-ipams");
		int westBefore = west.tfWrites.writes("POST", "/network-ipams");
		// one plan per cluster: a plan started after another plan's writes to its cluster would be stale
		List<Long> plans = new ArrayList<>();
		for (long clusterId : List.of(eastId, westId)) {
			List<Step> steps = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				steps.add(step("ipam-" + i, clusterId,
						write(unique("ipam"), "10." + (clusterId == eastId ? 211 : 221) + "." + i + ".0/24")));
			}
			plans.add(plan(steps.toArray(Step[]::new)));
		}

		// the first instance waits until the second has taken a step, so that both surely take part
		scheduler.pause();
		try {
			plans.forEach(planId -> execution.start(planId, "carol"));
			await().atMost(Duration.ofSeconds(60)).until(() -> secondRan.get() > 0);
		}
		finally {
			scheduler.resume();
		}
		plans.forEach(planId -> awaitPlan(planId, PlanState.APPLIED));

		for (long planId : plans) {
			assertThat(steps(planId).values()).allSatisfy(step -> assertThat(step.attempts()).isEqualTo(1));
		}
		assertThat(east.tfWrites.writes("POST", "/network-ipams") - eastBefore).isEqualTo(20);
		assertThat(west.tfWrites.writes("POST", "/network-ipams") - westBefore).isEqualTo(20);
		assertThat(secondRan.get()).as("steps run by the second instance").isPositive();
		second.stop();
		secondLocks.close();
	}

	@Test
	void aWorkerThatDiesAfterItsWriteLeavesTheStepToAnotherWhichWritesNothingAgain() {
		List<String> oldPods = kubeManagerPods(east);
		long planId = plan(step("first", eastId, write(unique("ipam"), "10.230.0.0/24")),
				step("restart", eastId, new StepOperation.RestartPods(SYSTEM_NAMESPACE, KUBE_MANAGER), "first"),
				step("last", eastId, write(unique("ipam"), "10.231.0.0/24"), "restart"));
		long restartId = steps(planId).get("restart").id();
		// an instance that carries the restart out and then stops dead, before it records anything
		CustomTask<Void> dying = Tasks.custom(StepQueue.STEP).onDeadExecutionRevive().execute((instance, context) -> {
			if (!instance.getId().equals(StepRow.executionId(planId, restartId))) {
				worker.run(planId, Long.parseLong(instance.getId().replaceAll(".*-step-", "")));
				return new CompletionHandler.OnCompleteRemove<>();
			}
			StepRow step = records.claim(restartId, Instant.now()).orElseThrow();
			operations.carryOut(new StepOperation.RestartPods(SYSTEM_NAMESPACE, KUBE_MANAGER),
					clusters.access(eastId), new StepProgress(step.result(), note -> records.note(restartId, note)));
			hang();
			return new CompletionHandler.OnCompleteRemove<>();
		});
		Scheduler doomed = ApplyScheduling.builder(dataSource, settings, dying, planSweepTask, "doomed")
			.shutdownMaxWait(Duration.ofMillis(100))
			.build();
		scheduler.pause();
		doomed.start();
		int deletesBefore = podDeletes(east);

		execution.start(planId, "carol");
		await().atMost(Duration.ofSeconds(30)).until(() -> podDeletes(east) - deletesBefore == oldPods.size());
		// killed: its heartbeats stop and its step stays running and picked
		doomed.stop();
		assertThat(steps(planId).get("first").state()).isEqualTo(io.tfmesh.plan.StepState.DONE);
		assertThat(steps(planId).get("restart").state()).isEqualTo(io.tfmesh.plan.StepState.RUNNING);
		assertThat(jdbc.queryForObject("SELECT picked FROM scheduled_tasks WHERE task_instance = ?", Boolean.class,
				StepRow.executionId(planId, restartId))).isTrue();
		scheduler.resume();

		awaitPlan(planId, PlanState.APPLIED);

		StepRow restart = steps(planId).get("restart");
		assertThat(restart.attempts()).isEqualTo(2);
		assertThat(restart.result()).contains("deleted already");
		assertThat(podDeletes(east) - deletesBefore).isEqualTo(oldPods.size());
		assertThat(steps(planId).get("last").state()).isEqualTo(io.tfmesh.plan.StepState.DONE);
		awaitKubeManagerPods(east, oldPods);
	}

	private void hang() {
		while (true) {
			try {
				releaseDeadWorker.await();
				return;
			}
			catch (InterruptedException ex) {
				// a dead process does not answer its scheduler's shutdown
			}
		}
	}

	private int podDeletes(EmulatedTarget target) {
		return target.kubernetesWrites.writes()
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().startsWith("DELETE /api/v1/namespaces/kube-system/pods/"))
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	private List<String> kubeManagerPods(EmulatedTarget target) {
		return target.kubectl.pods()
			.inNamespace(SYSTEM_NAMESPACE)
			.list()
			.getItems()
			.stream()
			.filter(pod -> pod.getMetadata().getOwnerReferences().stream()
				.anyMatch(owner -> owner.getName().equals(KUBE_MANAGER)))
			.map(Pod::getMetadata)
			.map(meta -> meta.getName())
			.sorted()
			.toList();
	}

	/** The DaemonSet's controller starts one new pod for each deleted one. */
	private List<String> awaitKubeManagerPods(EmulatedTarget target, List<String> oldPods) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<String> now = kubeManagerPods(target);
			return now.size() == oldPods.size() && now.stream().noneMatch(oldPods::contains);
		});
		return kubeManagerPods(target);
	}

	private record Step(String key, long clusterId, StepOperation operation, List<String> dependsOn) {
	}

	private static Step step(String key, long clusterId, StepOperation operation, String... dependsOn) {
		return new Step(key, clusterId, operation, Arrays.asList(dependsOn));
	}

	private static List<String> fqName(String name) {
		return List.of("default-domain", "default-project", name);
	}

	private static StepOperation write(String ipam, String subnet) {
		return new StepOperation.WriteTfObject(new NetworkIpam(null, fqName(ipam), "flat-subnet", List.of(subnet)));
	}

	private static StepOperation importService(String name, String address) {
		return new StepOperation.ImportService(new ServiceExport("default", name,
				List.of(new ServicePort("http", "TCP", 8080, 8080)), List.of(address), Map.of("tfmesh.io/intent", "1")));
	}

	/** An approved plan over the clusters' current revisions, its steps stored as the compiler stores them. */
	private long plan(Step... steps) {
		Map<String, String> base = new LinkedHashMap<>();
		for (Step step : steps) {
			base.computeIfAbsent(String.valueOf(step.clusterId()), id -> completeObservation(Long.parseLong(id)));
		}
		Long planId = jdbc.queryForObject("""
				INSERT INTO plan (mesh_name, state, author, created_at, updated_at, base_revision, approved_by, approved_at)
				VALUES ('apply-test', 'approved', 'alice', now(), now(), ?::jsonb, 'bob', now()) RETURNING id""",
				Long.class, json.writeValueAsString(base));
		int position = 0;
		for (Step step : steps) {
			boolean kubernetes = !(step.operation() instanceof StepOperation.WriteTfObject
					|| step.operation() instanceof StepOperation.DeleteTfObject);
			jdbc.update("""
					INSERT INTO plan_step (plan_id, position, step_key, cluster_id, cluster_name, system, object_type,
					                       object_name, action, before_state, after_state, depends_on, risk, operation)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'update', '{}', '{}', ?::jsonb, 'none', ?::jsonb)""", planId,
					position++, step.key(), step.clusterId(), step.clusterId() == eastId ? "east" : "west",
					kubernetes ? "kubernetes" : "tungsten-fabric", step.operation().getClass().getSimpleName(),
					step.key(), json.writeValueAsString(step.dependsOn()), json.writeValueAsString(step.operation()));
		}
		return planId;
	}

	/** The compiler plans only against complete observations. */
	private String completeObservation(long clusterId) {
		AtomicReference<String> revision = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			ObservedState observed = observations.observe(clusterId);
			revision.set(observed.revision());
			return observed.complete();
		});
		return revision.get();
	}

	private String state(long planId) {
		return jdbc.queryForObject("SELECT state FROM plan WHERE id = ?", String.class, planId);
	}

	private void awaitPlan(long planId, PlanState state) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(state(planId)).as(() -> "plan " + planId + " ("
					+ records.plan(planId).orElseThrow().failure() + "): " + steps(planId).values()
						.stream()
						.map(step -> step.key() + " " + step.state().id() + " " + step.error())
						.toList())
				.isEqualTo(state.id()));
	}

	private Map<String, StepRow> steps(long planId) {
		Map<String, StepRow> steps = new LinkedHashMap<>();
		records.steps(planId).forEach(step -> steps.put(step.key(), step));
		return steps;
	}

	private List<String> audit(long planId) {
		return jdbc.queryForList(
				"SELECT action FROM audit_event WHERE object_type = 'plan' AND object_id = ? ORDER BY id", String.class,
				String.valueOf(planId));
	}

}
