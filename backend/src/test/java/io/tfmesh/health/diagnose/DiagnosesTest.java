package io.tfmesh.health.diagnose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.ContainerInfo;
import io.tfmesh.fabric.kubernetes.NodeAddress;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.health.ServedReading;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.SourceReading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each diagnosis, present and absent, from records. The descriptions are TF's own strings
 * (reference §2.6): TFC {@code src/control-node/control_node.cc} ("No BGP configuration for
 * self"), {@code src/vnsw/agent/cmn/agent.cc} ("No Configuration for self"),
 * {@code src/vnsw/agent/controller/controller_peer.cc} (connection {@code control-node:<ip>}),
 * {@code src/nodemgr/common/event_manager.py} ("NTP state unsynchronized.").
 */
class DiagnosesTest {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private static final String MASTER_IP = "10.0.0.11";

	private static final String SEED_AGENT = "XMPP:control-node:" + MASTER_IP + " connection down, No Configuration for self";

	// no-bgp-configuration-for-self

	@Test
	void aControlNodeWithoutBgpConfigurationAndNoBgpRouterForItsHostnameIsToldToCreateOne() {
		List<ServedReading> readings = List.of(reading("master", "control", "control", "initializing",
				"No BGP configuration for self"));

		Finding finding = single(Diagnoses.of(readings, observed(List.of(router("other-cluster-control"))), NOW),
				Diagnoses.NO_BGP_CONFIGURATION_FOR_SELF);

		assertThat(finding.node()).isEqualTo("master");
		assertThat(finding.severity()).isEqualTo(Finding.CRITICAL);
		assertThat(finding.cause()).contains("No bgp-router is named after the control node's hostname master");
		assertThat(finding.fix().kind()).isEqualTo("create-bgp-router");
		assertThat(finding.fix().parameters()).containsExactly(Map.entry("hostname", "master"),
				Map.entry("address", MASTER_IP), Map.entry("asn", "64512"));
		assertThat(finding.evidence()).extracting(Finding.Evidence::value)
			.containsExactly("control: initializing (No BGP configuration for self)", "other-cluster-control");
		assertThat(finding.evidence().get(0).source()).isEqualTo("introspect " + MASTER_IP + ":8083");
		assertThat(finding.evidence().get(0).ageSeconds()).isEqualTo(5);
		assertThat(finding.evidence().get(1).source()).isEqualTo(Diagnoses.TF_SOURCE);
		assertThat(finding.evidence().get(1).ageSeconds()).isEqualTo(60);
	}

	@Test
	void aControlNodeWithoutBgpConfigurationWhoseBgpRouterExistsIsToldToRestartItsPod() {
		List<ServedReading> readings = List.of(reading("master", "control", "control", "initializing",
				"No BGP configuration for self"));

		Finding finding = single(Diagnoses.of(readings, observed(List.of(router("master"))), NOW),
				Diagnoses.NO_BGP_CONFIGURATION_FOR_SELF);

		assertThat(finding.cause()).contains("bgp-router master exists");
		assertThat(finding.fix().kind()).isEqualTo("restart-pod");
		assertThat(finding.fix().parameters()).containsExactly(Map.entry("namespace", "kube-system"),
				Map.entry("pod", "contrail-controller-control-abcde"), Map.entry("node", "master"));
	}

	@Test
	void withoutTheTfConfigTheCauseIsUnknownAndNoFixIsProposed() {
		List<ServedReading> readings = List.of(reading("master", "control", "control", "initializing",
				"No BGP configuration for self"));
		ObservedState unread = observed(List.of(), List.of(new SourceReading(Diagnoses.TF_SOURCE, "failed",
				"UNREACHABLE", "connection refused", 3)));

		Finding finding = single(Diagnoses.of(readings, unread, NOW), Diagnoses.NO_BGP_CONFIGURATION_FOR_SELF);

		assertThat(finding.severity()).isEqualTo(Finding.UNKNOWN);
		assertThat(finding.cause()).contains("was not read");
		assertThat(finding.fix()).isNull();
		assertThat(single(Diagnoses.of(readings, null, NOW), Diagnoses.NO_BGP_CONFIGURATION_FOR_SELF).fix()).isNull();
	}

	@Test
	void anActiveControlNodeOrAStaleReadingGivesNoBgpFinding() {
		assertThat(Diagnoses.of(List.of(reading("master", "control", "control", "active", null)),
				observed(List.of()), NOW)).isEmpty();
		ServedReading stale = new ServedReading("master", "control", "control", "unknown", "not read for 90 s",
				"introspect " + MASTER_IP + ":8083", NOW.minusSeconds(90), 90, true);
		assertThat(Diagnoses.of(List.of(stale), observed(List.of()), NOW)).isEmpty();
	}

	// xmpp-connection-down

	@Test
	void anAgentWhoseXmppSessionIsDownPointsAtThatControlNodesOwnState() {
		ServedReading control = reading("master", "control", "control", "initializing", "No BGP configuration for self");
		ServedReading agent = reading("worker", "vrouter", "agent", "initializing", SEED_AGENT);

		Finding finding = single(Diagnoses.of(List.of(control, agent), observed(List.of()), NOW),
				Diagnoses.XMPP_CONNECTION_DOWN);

		assertThat(finding.node()).isEqualTo("worker");
		assertThat(finding.cause()).contains(MASTER_IP + " (master) is control: initializing (No BGP configuration for self)");
		assertThat(finding.evidence()).extracting(Finding.Evidence::what)
			.containsExactly("vrouter/agent on worker", "control/control on master");
		assertThat(finding.fix().kind()).isEqualTo("see-finding");
		assertThat(finding.fix().parameters()).containsEntry("node", "master");
	}

	@Test
	void anAgentWhoseControlNodeIsActiveIsToldToCheckConnectivity() {
		ServedReading control = reading("master", "control", "control", "active", null);
		ServedReading agent = reading("worker", "vrouter", "agent", "initializing",
				"XMPP:control-node:" + MASTER_IP + " connection down");

		Finding finding = single(Diagnoses.of(List.of(control, agent), observed(List.of()), NOW),
				Diagnoses.XMPP_CONNECTION_DOWN);

		assertThat(finding.fix().kind()).isEqualTo("check-connectivity");
		assertThat(finding.fix().parameters()).containsEntry("to", MASTER_IP);
	}

	@Test
	void anAgentWithItsSessionsUpHasNoXmppFinding() {
		List<ServedReading> readings = List.of(reading("master", "control", "control", "active", null),
				reading("worker", "vrouter", "agent", "active", null));

		assertThat(codes(Diagnoses.of(readings, observed(List.of()), NOW))).doesNotContain(Diagnoses.XMPP_CONNECTION_DOWN);
	}

	// no-configuration-for-self

	@Test
	void anAgentWithoutSelfConfigurationWhileConnectedIsToldToCreateItsVirtualRouter() {
		ServedReading agent = reading("worker", "vrouter", "agent", "initializing", "No Configuration for self");

		Finding finding = single(Diagnoses.of(List.of(agent), observed(List.of()), NOW),
				Diagnoses.NO_CONFIGURATION_FOR_SELF);

		assertThat(finding.cause()).contains("virtual-router named after its hostname worker");
		assertThat(finding.fix().kind()).isEqualTo("create-virtual-router");
		assertThat(finding.fix().parameters()).containsEntry("hostname", "worker").containsEntry("address", "10.0.0.12");
	}

	@Test
	void anAgentWithoutSelfConfigurationBecauseItsSessionsAreDownPointsAtTheSessions() {
		ServedReading agent = reading("worker", "vrouter", "agent", "initializing", SEED_AGENT);

		Finding finding = single(Diagnoses.of(List.of(agent), observed(List.of()), NOW),
				Diagnoses.NO_CONFIGURATION_FOR_SELF);

		assertThat(finding.fix().kind()).isEqualTo("see-finding");
		assertThat(finding.fix().parameters()).containsEntry("code", Diagnoses.XMPP_CONNECTION_DOWN);
	}

	@Test
	void anAgentWithSelfConfigurationHasNoSuchFinding() {
		ServedReading agent = reading("worker", "vrouter", "agent", "active", null);

		assertThat(Diagnoses.of(List.of(agent), observed(List.of()), NOW)).isEmpty();
	}

	// ntp-unsynchronized

	@Test
	void anUnsynchronizedClockIsOneFindingPerNodeWithEachServiceAsEvidence() {
		List<ServedReading> readings = List.of(
				reading("master", "control", "nodemgr", "initializing", "NTP state unsynchronized."),
				reading("master", "config", "nodemgr", "initializing", "NTP state unsynchronized."),
				reading("worker", "vrouter", "nodemgr", "active", null));

		Finding finding = single(Diagnoses.of(readings, observed(List.of()), NOW), Diagnoses.NTP_UNSYNCHRONIZED);

		assertThat(finding.node()).isEqualTo("master");
		assertThat(finding.evidence()).hasSize(2);
		assertThat(finding.fix().kind()).isEqualTo("sync-ntp");
	}

	@Test
	void synchronizedClocksHaveNoNtpFinding() {
		assertThat(Diagnoses.of(List.of(reading("master", "control", "nodemgr", "active", null)), observed(List.of()),
				NOW)).isEmpty();
	}

	// kube-manager

	@Test
	void kubeManagerInBackupOnEveryNodeHasNoActiveOne() {
		List<ServedReading> readings = List.of(reading("master", "kubernetes", "kube-manager", "backup", null),
				reading("master2", "kubernetes", "kube-manager", "backup", null));

		Finding finding = single(Diagnoses.of(readings, observed(List.of()), NOW), Diagnoses.KUBE_MANAGER_NO_ACTIVE);

		assertThat(finding.node()).isNull();
		assertThat(finding.evidence()).hasSize(2);
		assertThat(finding.fix().kind()).isEqualTo("restart-pod");
	}

	@Test
	void kubeManagerActiveOnOneNodeOrUnknownOnOneIsNoFinding() {
		List<ServedReading> active = List.of(reading("master", "kubernetes", "kube-manager", "backup", null),
				reading("master2", "kubernetes", "kube-manager", "active", null));
		assertThat(Diagnoses.of(active, observed(List.of()), NOW)).isEmpty();
		List<ServedReading> unknown = List.of(reading("master", "kubernetes", "kube-manager", "backup", null),
				reading("master2", "kubernetes", "kube-manager", "unknown", "introspect unreachable"));
		assertThat(Diagnoses.of(unknown, observed(List.of()), NOW)).isEmpty();
	}

	@Test
	void anInactiveKubeManagerIsDown() {
		List<ServedReading> readings = List.of(reading("master", "kubernetes", "kube-manager", "inactive", null));

		Finding finding = single(Diagnoses.of(readings, observed(List.of()), NOW), Diagnoses.KUBE_MANAGER_DOWN);

		assertThat(finding.node()).isEqualTo("master");
		assertThat(finding.fix().parameters()).containsEntry("node", "master");
	}

	// crash-loop

	@Test
	void aContainerWaitingInCrashLoopBackOffIsACrashLoop() {
		ServedReading zookeeper = new ServedReading("master", "config-database", "zookeeper", "inactive", null,
				"container config-zookeeper of pod config-zookeeper-xyz: waiting (CrashLoopBackOff), 7 restarts",
				NOW.minusSeconds(5), 5, false);

		Finding finding = single(Diagnoses.of(List.of(zookeeper), observed(List.of()), NOW), Diagnoses.CRASH_LOOP);

		assertThat(finding.node()).isEqualTo("master");
		assertThat(finding.fix().parameters()).containsEntry("pod", "config-zookeeper-xyz")
			.containsEntry("container", "config-zookeeper");
	}

	@Test
	void anObservedCrashLoopingContainerIsACrashLoopToo() {
		ObservedState observed = observed(List.of());
		List<PodInfo> pods = new ArrayList<>(observed.tfPods());
		pods.add(pod("contrail-agent-xyz", "worker",
				new ContainerInfo("contrail-vrouter-agent", null, null, ContainerInfo.State.WAITING, "CrashLoopBackOff",
						false, 4)));

		Finding finding = single(Diagnoses.of(List.of(), withPods(observed, pods), NOW), Diagnoses.CRASH_LOOP);

		assertThat(finding.node()).isEqualTo("worker");
		assertThat(finding.evidence().get(0).source()).isEqualTo(Diagnoses.PODS_SOURCE);
		assertThat(finding.fix().parameters()).containsEntry("namespace", "kube-system");
	}

	@Test
	void aRunningContainerIsNoCrashLoop() {
		ServedReading running = new ServedReading("master", "config-database", "zookeeper", "active", null,
				"container config-zookeeper of pod config-zookeeper-xyz: running", NOW.minusSeconds(5), 5, false);

		assertThat(Diagnoses.of(List.of(running), observed(List.of()), NOW)).isEmpty();
	}

	@Test
	void aContainerWaitingForItsImageIsNoCrashLoop() {
		ObservedState observed = observed(List.of());
		List<PodInfo> pods = new ArrayList<>(observed.tfPods());
		pods.add(pod("contrail-agent-xyz", "worker", new ContainerInfo("contrail-vrouter-agent", null, null,
				ContainerInfo.State.WAITING, "ContainerCreating", false, 0)));

		assertThat(Diagnoses.of(List.of(), withPods(observed, pods), NOW)).isEmpty();
	}

	private static Finding single(List<Finding> findings, String code) {
		List<Finding> matching = findings.stream().filter(f -> f.code().equals(code)).toList();
		assertThat(matching).as(code + " in " + findings).hasSize(1);
		return matching.get(0);
	}

	private static List<String> codes(List<Finding> findings) {
		return findings.stream().map(Finding::code).toList();
	}

	private static ServedReading reading(String node, String pod, String service, String state, String description) {
		String address = node.equals("worker") ? "10.0.0.12" : MASTER_IP;
		return new ServedReading(node, pod, service, state, description, "introspect " + address + ":8083",
				NOW.minusSeconds(5), 5, false);
	}

	private static BgpRouter router(String name) {
		List<String> fqName = new ArrayList<>(BgpRouter.PARENT);
		fqName.add(name);
		return new BgpRouter(null, fqName, new BgpRouter.BgpRouterParameters("control-node", "contrail", MASTER_IP,
				MASTER_IP, 64512, 179, 0, List.of("inet-vpn"), false), List.of());
	}

	private static ObservedState observed(List<BgpRouter> routers) {
		return observed(routers, List.of(new SourceReading(Diagnoses.TF_SOURCE, "ok", null, null, 3)));
	}

	private static ObservedState observed(List<BgpRouter> routers, List<SourceReading> tf) {
		List<SourceReading> sources = new ArrayList<>(tf);
		sources.add(new SourceReading(Diagnoses.NODES_SOURCE, "ok", null, null, 3));
		sources.add(new SourceReading(Diagnoses.PODS_SOURCE, "ok", null, null, 3));
		List<NodeInfo> nodes = List.of(node("master", MASTER_IP), node("worker", "10.0.0.12"));
		List<PodInfo> pods = List.of(pod("contrail-controller-control-abcde", "master",
				new ContainerInfo("contrail-controller-control", null, null, ContainerInfo.State.RUNNING, null, true, 0)));
		ObservedState.TfConfig config = tf.get(0).ok()
				? new ObservedState.TfConfig(64512L, List.of(), List.of(), routers, List.of()) : null;
		return new ObservedState(1, "gcp-west", NOW.minusSeconds(60), 10, true, "r", sources, null, List.of(),
				List.of(), nodes, pods, config, List.of(), null, List.of(), List.of(), null, List.of(), List.of(),
				List.of());
	}

	private static ObservedState withPods(ObservedState o, List<PodInfo> pods) {
		return new ObservedState(o.clusterId(), o.clusterName(), o.observedAt(), o.durationMs(), o.complete(),
				o.revision(), o.sources(), o.kubeadm(), o.kubeManagerConfigMaps(), o.kubeManager(), o.nodes(), pods,
				o.tungstenFabric(), o.health(), o.counts(), o.vrouterAgent(), o.settingDrift(), o.forwarding(),
				o.unknown(), o.namespaces(), o.services());
	}

	private static NodeInfo node(String name, String address) {
		return new NodeInfo(name, List.of(new NodeAddress("InternalIP", address), new NodeAddress("Hostname", name)),
				List.of(), null, null, null, null, null, null, true, Map.of());
	}

	private static PodInfo pod(String name, String node, ContainerInfo container) {
		return new PodInfo("kube-system", name, Map.of(), "Running", container.ready(), container.restartCount(), node,
				"DaemonSet", null, null, List.of(container), true, null);
	}

}
