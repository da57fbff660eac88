package io.tfmesh.emulator.introspect;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The TF processes that answer Sandesh introspect, with the HTTP port each listens on
 * ({@code ServiceHttpPortMap} in tf-controller's {@code src/contrail-common/sandesh/common/vns.sandesh})
 * and the pod and service name contrail-status gives them. The emulator keeps its own table
 * rather than tfmesh's, so that a mistake in tfmesh's is not mirrored here.
 */
public enum SandeshProcess {

	CONTROL("control", "control", "contrail-control", 8083),
	CONTROL_NODEMGR("control", "nodemgr", "contrail-control-nodemgr", 8101),
	CONTROL_DNS("control", "dns", "contrail-dns", 8092),
	CONFIG_API("config", "api", "contrail-api", 8084),
	CONFIG_NODEMGR("config", "nodemgr", "contrail-config-nodemgr", 8100),
	CONFIG_SCHEMA("config", "schema", "contrail-schema", 8087),
	CONFIG_SVC_MONITOR("config", "svc-monitor", "contrail-svc-monitor", 8088),
	CONFIG_DEVICE_MANAGER("config", "device-manager", "contrail-device-manager", 8096),
	VROUTER_NODEMGR("vrouter", "nodemgr", "contrail-vrouter-nodemgr", 8102),
	VROUTER_AGENT("vrouter", "agent", "contrail-vrouter-agent", 8085),
	KUBE_MANAGER("kubernetes", "kube-manager", "contrail-kube-manager", 8108),
	ANALYTICS_NODEMGR("analytics", "nodemgr", "contrail-analytics-nodemgr", 8104),
	ANALYTICS_API("analytics", "api", "contrail-analytics-api", 8090),
	ANALYTICS_COLLECTOR("analytics", "collector", "contrail-collector", 8089),
	CONFIG_DATABASE_NODEMGR("config-database", "nodemgr", "contrail-config-database-nodemgr", 8112),
	DATABASE_NODEMGR("database", "nodemgr", "contrail-database-nodemgr", 8103),
	DATABASE_QUERY_ENGINE("database", "query-engine", "contrail-query-engine", 8091),
	ANALYTICS_ALARM_NODEMGR("analytics-alarm", "nodemgr", "contrail-analytics-alarm-nodemgr", 8113),
	ANALYTICS_ALARM_GEN("analytics-alarm", "alarm-gen", "contrail-alarm-gen", 5995),
	ANALYTICS_SNMP_NODEMGR("analytics-snmp", "nodemgr", "contrail-analytics-snmp-nodemgr", 8114),
	ANALYTICS_SNMP_COLLECTOR("analytics-snmp", "snmp-collector", "contrail-snmp-collector", 5920),
	ANALYTICS_SNMP_TOPOLOGY("analytics-snmp", "topology", "contrail-topology", 5921);

	private final String pod;

	private final String service;

	private final String module;

	private final int port;

	SandeshProcess(String pod, String service, String module, int port) {
		this.pod = pod;
		this.service = service;
		this.module = module;
		this.port = port;
	}

	/** The introspected processes of a pod; empty for a pod without any. */
	public static List<SandeshProcess> ofPod(String pod) {
		return Arrays.stream(values()).filter(process -> process.pod.equals(pod)).toList();
	}

	public static Optional<SandeshProcess> of(String pod, String service) {
		return Arrays.stream(values())
			.filter(process -> process.pod.equals(pod) && process.service.equals(service))
			.findFirst();
	}

	public String pod() {
		return pod;
	}

	public String service() {
		return service;
	}

	/** The process's {@code module_id} in NodeStatus. */
	public String module() {
		return module;
	}

	public int port() {
		return port;
	}

	@Override
	public String toString() {
		return pod + "/" + service;
	}

}
