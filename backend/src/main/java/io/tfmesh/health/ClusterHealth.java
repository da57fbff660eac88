package io.tfmesh.health;

import java.util.List;
import java.util.Map;

/**
 * A cluster's health as its stored readings say now.
 *
 * @param worstState the worst state of any service; unknown when nothing was read
 * @param counts how many services are in each state: active, initializing, inactive, backup,
 * timeout and unknown, each listed
 * @param healthy whether every service is active (or a standby in backup)
 * @param verdict why, in one line
 * @param staleAfterSeconds the age at which a reading is served as unknown
 */
public record ClusterHealth(long clusterId, String clusterName, String worstState, Map<String, Long> counts,
		boolean healthy, String verdict, long staleAfterSeconds, List<NodeHealth> nodes) {

	/** The services of one node, in contrail-status order. */
	public record NodeHealth(String node, String worstState, List<ServedReading> services) {
	}

}
