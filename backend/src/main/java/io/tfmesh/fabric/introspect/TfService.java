package io.tfmesh.fabric.introspect;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * The services contrail-status reports, by pod, as its {@code CONTRAIL_SERVICES_TO_SANDESH_SVC}
 * table has them. Within a pod the order is the one contrail-status printed in the published
 * outputs (control first in the control pod, api first in the config pod).
 */
public enum TfService {

	CONTROL("control", "control", "contrail-control", 8083, true, false),
	CONTROL_NODEMGR("control", "nodemgr", "contrail-control-nodemgr", 8101, true, false),
	CONTROL_NAMED("control", "named", "contrail-named", 0, false, false),
	// contrail-dns has an introspect port, but contrail-status does not ask it for NodeStatus
	CONTROL_DNS("control", "dns", "contrail-dns", 8092, false, false),

	CONFIG_API("config", "api", "contrail-api", 8084, true, false),
	CONFIG_NODEMGR("config", "nodemgr", "contrail-config-nodemgr", 8100, true, false),
	CONFIG_SCHEMA("config", "schema", "contrail-schema", 8087, true, true),
	CONFIG_SVC_MONITOR("config", "svc-monitor", "contrail-svc-monitor", 8088, true, true),
	CONFIG_DEVICE_MANAGER("config", "device-manager", "contrail-device-manager", 8096, true, true),

	VROUTER_NODEMGR("vrouter", "nodemgr", "contrail-vrouter-nodemgr", 8102, true, false),
	VROUTER_AGENT("vrouter", "agent", "contrail-vrouter-agent", 8085, true, false),

	KUBE_MANAGER("kubernetes", "kube-manager", "contrail-kube-manager", 8108, true, true),

	ANALYTICS_NODEMGR("analytics", "nodemgr", "contrail-analytics-nodemgr", 8104, true, false),
	ANALYTICS_API("analytics", "api", "contrail-analytics-api", 8090, true, false),
	ANALYTICS_COLLECTOR("analytics", "collector", "contrail-collector", 8089, true, false),

	CONFIG_DATABASE_NODEMGR("config-database", "nodemgr", "contrail-config-database-nodemgr", 8112, true, false),
	CONFIG_DATABASE_CASSANDRA("config-database", "cassandra", null, 0, false, false),
	CONFIG_DATABASE_ZOOKEEPER("config-database", "zookeeper", null, 0, false, false),
	CONFIG_DATABASE_RABBITMQ("config-database", "rabbitmq", null, 0, false, false),

	DATABASE_NODEMGR("database", "nodemgr", "contrail-database-nodemgr", 8103, true, false),
	DATABASE_QUERY_ENGINE("database", "query-engine", "contrail-query-engine", 8091, true, false),
	DATABASE_CASSANDRA("database", "cassandra", null, 0, false, false),

	WEBUI_WEB("webui", "web", null, 0, false, false),
	WEBUI_JOB("webui", "job", null, 0, false, false),

	ANALYTICS_ALARM_NODEMGR("analytics-alarm", "nodemgr", "contrail-analytics-alarm-nodemgr", 8113, true, false),
	ANALYTICS_ALARM_GEN("analytics-alarm", "alarm-gen", "contrail-alarm-gen", 5995, true, false),
	ANALYTICS_ALARM_KAFKA("analytics-alarm", "kafka", null, 0, false, false),

	ANALYTICS_SNMP_NODEMGR("analytics-snmp", "nodemgr", "contrail-analytics-snmp-nodemgr", 8114, true, false),
	ANALYTICS_SNMP_COLLECTOR("analytics-snmp", "snmp-collector", "contrail-snmp-collector", 5920, true, false),
	ANALYTICS_SNMP_TOPOLOGY("analytics-snmp", "topology", "contrail-topology", 5921, true, false);

	private final String pod;

	private final String service;

	private final @Nullable String module;

	private final int introspectPort;

	private final boolean introspected;

	private final boolean backup;

	TfService(String pod, String service, @Nullable String module, int introspectPort, boolean introspected,
			boolean backup) {
		this.pod = pod;
		this.service = service;
		this.module = module;
		this.introspectPort = introspectPort;
		this.introspected = introspected;
		this.backup = backup;
	}

	/** All services of a pod in contrail-status order; empty for a pod it does not know. */
	public static List<TfService> ofPod(String pod) {
		return Arrays.stream(values()).filter(s -> s.pod.equals(pod)).toList();
	}

	public static Optional<TfService> of(String pod, String service) {
		return Arrays.stream(values()).filter(s -> s.pod.equals(pod) && s.service.equals(service)).findFirst();
	}

	/** The pod as contrail-status names it in {@code == Contrail <pod> ==}. */
	public String pod() {
		return pod;
	}

	/** The service as contrail-status prints it before the colon. */
	public String service() {
		return service;
	}

	/**
	 * The process behind the service, which is also the {@code module_id} it reports in
	 * NodeStatus; null for third-party services (cassandra, zookeeper, rabbitmq, kafka, webui).
	 */
	public @Nullable String module() {
		return module;
	}

	/** The process's Sandesh HTTP (introspect) port, when it has one. */
	public OptionalInt introspectPort() {
		return introspectPort == 0 ? OptionalInt.empty() : OptionalInt.of(introspectPort);
	}

	/**
	 * Whether contrail-status reads the process's NodeStatus (its NodeUVEImplementedServices);
	 * for the others a running container is all it reports.
	 */
	public boolean introspected() {
		return introspected;
	}

	/**
	 * Whether the service runs active/backup (BackupImplementedServices): when its introspect
	 * refuses connections it is a standby, not a fault.
	 */
	public boolean backup() {
		return backup;
	}

}
