package io.tfmesh.fabric.introspect;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TfServiceTest {

	@Test
	void listsEachPodsServicesInContrailStatusOrder() {
		assertThat(TfService.ofPod("control")).extracting(TfService::service)
			.containsExactly("control", "nodemgr", "named", "dns");
		assertThat(TfService.ofPod("vrouter")).extracting(TfService::service).containsExactly("nodemgr", "agent");
		assertThat(TfService.ofPod("config")).extracting(TfService::service)
			.containsExactly("api", "nodemgr", "schema", "svc-monitor", "device-manager");
		assertThat(TfService.ofPod("config-database")).extracting(TfService::service)
			.containsExactly("nodemgr", "cassandra", "zookeeper", "rabbitmq");
		assertThat(TfService.ofPod("kubernetes")).containsExactly(TfService.KUBE_MANAGER);
		assertThat(TfService.ofPod("toragent")).isEmpty();
	}

	@Test
	void coversTheTenPods() {
		assertThat(Arrays.stream(TfService.values()).map(TfService::pod).distinct()).containsExactly("control",
				"config", "vrouter", "kubernetes", "analytics", "config-database", "database", "webui",
				"analytics-alarm", "analytics-snmp");
	}

	@ParameterizedTest
	@CsvSource({ "control, control, contrail-control, 8083", "config, api, contrail-api, 8084",
			"vrouter, agent, contrail-vrouter-agent, 8085", "config, schema, contrail-schema, 8087",
			"config, svc-monitor, contrail-svc-monitor, 8088", "analytics, collector, contrail-collector, 8089",
			"analytics, api, contrail-analytics-api, 8090", "database, query-engine, contrail-query-engine, 8091",
			"control, dns, contrail-dns, 8092", "config, device-manager, contrail-device-manager, 8096",
			"kubernetes, kube-manager, contrail-kube-manager, 8108",
			"config, nodemgr, contrail-config-nodemgr, 8100", "control, nodemgr, contrail-control-nodemgr, 8101",
			"vrouter, nodemgr, contrail-vrouter-nodemgr, 8102", "database, nodemgr, contrail-database-nodemgr, 8103",
			"analytics, nodemgr, contrail-analytics-nodemgr, 8104",
			"config-database, nodemgr, contrail-config-database-nodemgr, 8112",
			"analytics-alarm, nodemgr, contrail-analytics-alarm-nodemgr, 8113",
			"analytics-snmp, nodemgr, contrail-analytics-snmp-nodemgr, 8114",
			"analytics-alarm, alarm-gen, contrail-alarm-gen, 5995",
			"analytics-snmp, snmp-collector, contrail-snmp-collector, 5920",
			"analytics-snmp, topology, contrail-topology, 5921" })
	void knowsTheIntrospectPorts(String pod, String service, String module, int port) {
		TfService found = TfService.of(pod, service).orElseThrow();

		assertThat(found.module()).isEqualTo(module);
		assertThat(found.introspectPort()).hasValue(port);
	}

	@Test
	void introspectsOnlyNodeUveServices() {
		List<TfService> notIntrospected = Arrays.stream(TfService.values()).filter(s -> !s.introspected()).toList();

		assertThat(notIntrospected).containsExactlyInAnyOrder(TfService.CONTROL_NAMED, TfService.CONTROL_DNS,
				TfService.CONFIG_DATABASE_CASSANDRA, TfService.CONFIG_DATABASE_ZOOKEEPER,
				TfService.CONFIG_DATABASE_RABBITMQ, TfService.DATABASE_CASSANDRA, TfService.WEBUI_WEB,
				TfService.WEBUI_JOB, TfService.ANALYTICS_ALARM_KAFKA);
		assertThat(TfService.CONFIG_DATABASE_RABBITMQ.module()).isNull();
		assertThat(TfService.CONFIG_DATABASE_RABBITMQ.introspectPort()).isEqualTo(OptionalInt.empty());
	}

	@Test
	void knowsWhichServicesHaveABackup() {
		assertThat(Arrays.stream(TfService.values()).filter(TfService::backup)).containsExactlyInAnyOrder(
				TfService.CONFIG_SCHEMA, TfService.CONFIG_SVC_MONITOR, TfService.CONFIG_DEVICE_MANAGER,
				TfService.KUBE_MANAGER);
	}

	@Test
	void findsNothingForAnUnknownService() {
		assertThat(TfService.of("control", "agent")).isEmpty();
		assertThat(TfService.of("vrouter", "agent")).contains(TfService.VROUTER_AGENT);
	}

}
