package io.tfmesh.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.observe.ClusterVerdict.Level;
import io.tfmesh.observe.ObservedState.ProcessHealth;
import io.tfmesh.observe.ObservedState.SettingDrift;
import io.tfmesh.observe.ObservedState.SourceReading;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterVerdictTest {

	private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

	private static final List<SourceReading> ALL_READ = List.of(read("kubernetes/nodes"),
			read("tungsten-fabric/config-api"), read("introspect"));

	@Test
	void aClusterWhoseServicesAreAllActiveIsHealthy() {
		ClusterVerdict verdict = verdict(healthy());

		assertThat(verdict.level()).isEqualTo(Level.HEALTHY);
		assertThat(verdict.line()).isEqualTo("all 5 TF services active");
		assertThat(verdict.findings()).isEmpty();
	}

	@Test
	void aStandbyThatDoesNotAnswerIsNoFinding() {
		List<ProcessHealth> health = healthy();
		health.add(health("master", "config", "schema", "backup", null));

		assertThat(verdict(health).level()).isEqualTo(Level.HEALTHY);
	}

	@Test
	void aControlNodeWithoutBgpConfigurationIsCriticalAndSaysWhy() {
		List<ProcessHealth> health = healthy();
		health.set(0, health("master", "control", "control", "initializing", "No BGP configuration for self"));

		ClusterVerdict verdict = verdict(health);

		assertThat(verdict.level()).isEqualTo(Level.CRITICAL);
		assertThat(verdict.line()).isEqualTo("control: initializing (No BGP configuration for self)");
	}

	@Test
	void agentsStuckForTheSameReasonAreCountedOnceAfterTheControlNode() {
		List<ProcessHealth> health = healthy();
		health.set(0, health("master", "control", "control", "initializing", "No BGP configuration for self"));
		health.add(health("worker-1", "vrouter", "agent", "initializing", null));
		health.add(health("worker-2", "vrouter", "agent", "initializing", null));

		assertThat(verdict(health).line())
			.isEqualTo("control: initializing (No BGP configuration for self); 2 vrouter agents initializing");
	}

	@Test
	void anInactiveAgentIsCriticalAndAnInactiveZookeeperOnlyDegraded() {
		List<ProcessHealth> agentDown = healthy();
		agentDown.add(health("worker-1", "vrouter", "agent", "inactive", null));
		List<ProcessHealth> zookeeperDown = healthy();
		zookeeperDown.add(health("master", "config-database", "zookeeper", "inactive", null));

		assertThat(verdict(agentDown).level()).isEqualTo(Level.CRITICAL);
		assertThat(verdict(agentDown).line()).isEqualTo("vrouter agent: inactive");
		assertThat(verdict(zookeeperDown).level()).isEqualTo(Level.DEGRADED);
		assertThat(verdict(zookeeperDown).line()).isEqualTo("config-database/zookeeper: inactive");
	}

	@Test
	void aServiceThatCouldNotBeReadIsUnknownNeverActive() {
		List<ProcessHealth> health = healthy();
		health.set(0, health("master", "control", "control", "unknown", "introspect unreachable"));
		List<SourceReading> sources = List.of(read("kubernetes/nodes"), read("tungsten-fabric/config-api"),
				new SourceReading("introspect", "partial", "UNREACHABLE", "1 of 5 introspect reads failed", 3));

		ClusterVerdict verdict = ClusterVerdict.of(state(sources, health, List.of()), List.of());

		assertThat(verdict.level()).isEqualTo(Level.UNKNOWN);
		assertThat(verdict.line()).contains("control: unknown (introspect unreachable)", "not read: introspect (partial)")
			.doesNotContain("active");
		assertThat(ClusterVerdict.levelOf(health.get(0))).isEqualTo(Level.UNKNOWN);
		assertThat(ClusterVerdict.levelOf(health("master", "control", "control", "timeout", null)))
			.isEqualTo(Level.UNKNOWN);
	}

	@Test
	void aFailedSourceLeavesTheVerdictUnknownEvenWhenTheServicesRead() {
		List<SourceReading> sources = List.of(read("kubernetes/nodes"),
				new SourceReading("tungsten-fabric/config-api", "failed", "UNREACHABLE", "refused", 3), read("introspect"));

		ClusterVerdict verdict = ClusterVerdict.of(state(sources, healthy(), List.of()), List.of());

		assertThat(verdict.level()).isEqualTo(Level.UNKNOWN);
		assertThat(verdict.line()).isEqualTo("not read: tungsten-fabric/config-api (failed)");
	}

	@Test
	void noServiceReadIsUnknownNotHealthy() {
		ClusterVerdict verdict = ClusterVerdict.of(state(ALL_READ, List.of(), List.of()), List.of());

		assertThat(verdict.level()).isEqualTo(Level.UNKNOWN);
		assertThat(verdict.line()).isEqualTo("no TF pods found");
	}

	@Test
	void aClusterNeverObservedIsUnknown() {
		ClusterVerdict verdict = ClusterVerdict.of(null, List.of());

		assertThat(verdict.level()).isEqualTo(Level.UNKNOWN);
		assertThat(verdict.line()).startsWith("never observed");
	}

	@Test
	void driftIsBenignAndComesAfterWhatStopsTheCluster() {
		List<SettingDrift> drift = List.of(new SettingDrift("KUBERNETES_POD_SUBNETS", "10.32.0.0/12",
				"entrypoint default", "10.48.0.0/12", "configmap/env"));

		ClusterVerdict running = ClusterVerdict.of(state(ALL_READ, healthy(), drift), List.of("service"));
		List<ProcessHealth> stuck = healthy();
		stuck.add(health("worker-1", "vrouter", "agent", "initializing", "No Configuration for self"));
		ClusterVerdict critical = ClusterVerdict.of(state(ALL_READ, stuck, drift), List.of());

		assertThat(running.level()).isEqualTo(Level.DRIFT);
		assertThat(running.line()).isEqualTo("all 5 TF services active; the sources disagree about the service CIDRs; "
				+ "kube-manager and the vrouter agent run with different KUBERNETES_POD_SUBNETS");
		assertThat(critical.level()).isEqualTo(Level.CRITICAL);
		assertThat(critical.line()).startsWith("vrouter agent: initializing (No Configuration for self); ");
	}

	@Test
	void theObservedViewStylesBadgesByTheVerdict() {
		List<ProcessHealth> stuck = healthy();
		stuck.set(0, health("master", "control", "control", "initializing", "No BGP configuration for self"));
		ObservedView unhealthy = ObservedView.of(state(ALL_READ, stuck, List.of()), NOW);
		ObservedView healthy = ObservedView.of(state(ALL_READ, healthy(), List.of()), NOW);

		assertThat(unhealthy.sourceText(ALL_READ.get(0))).isEqualTo("read");
		assertThat(unhealthy.sourceClass(ALL_READ.get(0))).isEqualTo("read");
		assertThat(healthy.sourceClass(ALL_READ.get(0))).isEqualTo("ok");
		assertThat(unhealthy.stateClass(stuck.get(0))).isEqualTo("critical");
		assertThat(unhealthy.stateClass(health("master", "analytics", "api", "initializing", null))).isEqualTo("warn");
		assertThat(unhealthy.stateClass(health("master", "control", "control", "unknown", null))).isEqualTo("unknown");
		assertThat(unhealthy.ageOf(NOW.minusSeconds(130))).isEqualTo("2 min ago");
	}

	private static ClusterVerdict verdict(List<ProcessHealth> health) {
		return ClusterVerdict.of(state(ALL_READ, health, List.of()), List.of());
	}

	private static List<ProcessHealth> healthy() {
		return new ArrayList<>(List.of(health("master", "control", "control", "active", null),
				health("master", "control", "nodemgr", "active", null),
				health("master", "config", "api", "active", null),
				health("master", "vrouter", "agent", "active", null),
				health("worker-1", "vrouter", "agent", "active", null)));
	}

	private static ProcessHealth health(String node, String pod, String service, String state,
			@Nullable String description) {
		return new ProcessHealth(node, pod, service, state, description, "introspect 10.0.0.1:8083", NOW, null,
				null);
	}

	private static SourceReading read(String source) {
		return new SourceReading(source, "ok", null, null, 3);
	}

	private static ObservedState state(List<SourceReading> sources, List<ProcessHealth> health,
			List<SettingDrift> drift) {
		List<PodInfo> pods = List.of();
		boolean complete = sources.stream().allMatch(SourceReading::ok);
		return new ObservedState(1, "aws-east", NOW, 10, complete, "abc", sources, null, List.of(), List.of(),
				List.of(), pods, null, health, null, List.of(), drift, null, List.of(), List.of(), List.of());
	}

}
