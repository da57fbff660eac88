package io.tfmesh.observe;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.introspect.TfService;
import io.tfmesh.fabric.kubernetes.ContainerInfo;
import io.tfmesh.fabric.kubernetes.ContainerInfo.State;
import io.tfmesh.fabric.kubernetes.PodInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Containers of tf-container-builder's {@code kubernetes/manifests/contrail-standalone-kubernetes.yaml}
 * filed as contrail-status ({@code containers/status/contrail-status.py}) files them.
 */
class TfPodsTest {

	@ParameterizedTest
	@CsvSource({ "config-zookeeper, config-database, config-database, zookeeper",
			"rabbitmq, config-database, config-database, rabbitmq",
			"contrail-configdb, config-database, config-database, cassandra",
			"contrail-analyticsdb, database, database, cassandra",
			"kafka, analytics-alarm, analytics-alarm, kafka",
			"contrail-analytics-alarm-gen, analytics-alarm, analytics-alarm, alarm-gen",
			"contrail-analytics-alarm-nodemgr, analytics-alarm, analytics-alarm, nodemgr",
			"contrail-analytics-snmp-collector, analytics-snmp, analytics-snmp, snmp-collector",
			"contrail-analytics-snmp-topology, analytics-snmp, analytics-snmp, topology",
			"contrail-analytics-snmp-nodemgr, analytics-snmp, analytics-snmp, nodemgr",
			"contrail-controller-control, , control, control",
			"contrail-controller-control-dns, , control, dns",
			"contrail-controller-control-named, , control, named",
			"contrail-controller-nodemgr, control, control, nodemgr",
			"contrail-controller-config-api, , config, api",
			"contrail-controller-config-svcmonitor, , config, svc-monitor",
			"contrail-controller-config-devicemgr, , config, device-manager",
			"contrail-kube-manager, , kubernetes, kube-manager",
			"contrail-vrouter-agent, , vrouter, agent",
			"contrail-agent-nodemgr, vrouter, vrouter, nodemgr",
			"contrail-controller-webui-web, , webui, web" })
	void aContainerIsTheServiceItsNameAndNodeTypeSay(String container, String nodeType, String pod, String service) {
		assertThat(TfPods.service(running(container, nodeType)))
			.hasValueSatisfying(found -> assertThat(found.pod() + "/" + found.service()).isEqualTo(pod + "/" + service));
	}

	@Test
	void provisionersRedisAndStrangersAreNoService() {
		assertThat(TfPods.service(running("contrail-controller-provisioner", "control"))).isEmpty();
		assertThat(TfPods.service(running("redis", null))).isEmpty();
		assertThat(TfPods.service(running("sidecar", "control"))).isEmpty();
	}

	@Test
	void aNodeTypeInTheSpecNamesThePod() {
		// the nodemgr image is shared: NODE_TYPE alone tells which pod's nodemgr it is
		assertThat(TfPods.service(running("contrail-controller-nodemgr", "config")))
			.contains(TfService.CONFIG_NODEMGR);
	}

	@Test
	void aCrashLoopingContainerInARunningPodIsInactive() {
		ContainerInfo zookeeper = new ContainerInfo("config-zookeeper", null, "config-database", State.WAITING,
				"CrashLoopBackOff", false, 7);

		assertThat(TfPods.verdict(zookeeper)).isEqualTo(TfPods.Verdict.INACTIVE);
	}

	@Test
	void onlyARunningContainerIsIntrospectedAnUnknownOneIsNeverActive() {
		assertThat(TfPods.verdict(container("c", State.RUNNING))).isEqualTo(TfPods.Verdict.RUNNING);
		assertThat(TfPods.verdict(container("c", State.TERMINATED))).isEqualTo(TfPods.Verdict.INACTIVE);
		assertThat(TfPods.verdict(container("c", State.UNKNOWN))).isEqualTo(TfPods.Verdict.UNKNOWN);
		assertThat(TfPods.verdict(null)).isEqualTo(TfPods.Verdict.INACTIVE);
	}

	@Test
	void theConfigDatabasePodGathersItsDaemonSetsAndListsMissingServices() {
		PodInfo configdb = pod("contrail-configdb-abcde", running("contrail-configdb", "config-database"),
				running("contrail-config-database-nodemgr", "config-database"),
				running("contrail-config-database-provisioner", "config-database"));
		PodInfo zookeeper = pod("config-zookeeper-bcdfg", new ContainerInfo("config-zookeeper", null,
				"config-database", State.WAITING, "CrashLoopBackOff", false, 3));

		Map<TfService, TfPods.Placed> services = TfPods.onNode(List.of(configdb, zookeeper));

		assertThat(services.keySet()).containsExactly(TfService.CONFIG_DATABASE_NODEMGR,
				TfService.CONFIG_DATABASE_CASSANDRA, TfService.CONFIG_DATABASE_ZOOKEEPER,
				TfService.CONFIG_DATABASE_RABBITMQ);
		assertThat(services.get(TfService.CONFIG_DATABASE_ZOOKEEPER).pod().name()).isEqualTo("config-zookeeper-bcdfg");
		assertThat(services.get(TfService.CONFIG_DATABASE_RABBITMQ)).isNull();
	}

	@Test
	void aRunningContainerWinsOverAStoppedOneOfTheSameService() {
		PodInfo old = pod("contrail-kube-manager-old", container("contrail-kube-manager", State.TERMINATED));
		PodInfo current = pod("contrail-kube-manager-new", container("contrail-kube-manager", State.RUNNING));

		assertThat(TfPods.onNode(List.of(old, current)).get(TfService.KUBE_MANAGER).pod().name())
			.isEqualTo("contrail-kube-manager-new");
	}

	@Test
	void everyServiceOfTheAlarmAndSnmpPodsHasAContainer() {
		List<String> names = List.of("kafka", "contrail-analytics-alarm-gen", "contrail-analytics-alarm-nodemgr",
				"contrail-analytics-snmp-collector", "contrail-analytics-snmp-topology",
				"contrail-analytics-snmp-nodemgr");
		PodInfo pod = pod("analytics", names.stream().map(name -> container(name, State.RUNNING)).toArray(ContainerInfo[]::new));

		assertThat(TfPods.onNode(List.of(pod))).doesNotContainValue(null).hasSize(6);
	}

	private static ContainerInfo running(String name, String nodeType) {
		return new ContainerInfo(name, null, nodeType, State.RUNNING, null, true, 0);
	}

	private static ContainerInfo container(String name, State state) {
		return new ContainerInfo(name, null, null, state, null, state == State.RUNNING, 0);
	}

	private static PodInfo pod(String name, ContainerInfo... containers) {
		return new PodInfo("kube-system", name, Map.of(), "Running", true, 0, "node", "DaemonSet", name, null,
				Arrays.asList(containers), true, "10.0.0.1");
	}

}
