package io.tfmesh.fabric.tf;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One config API client per cluster, kept between calls so that its connections and Keystone
 * token are reused, and rebuilt when the cluster's endpoint or credentials change.
 */
@Component
public class TfConfigApis {

	private final FabricSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	private final ConcurrentMap<Long, Cached> clients = new ConcurrentHashMap<>();

	public TfConfigApis(FabricSettings settings, JsonMapper json, Clock clock) {
		this.settings = settings;
		this.json = json;
		this.clock = clock;
	}

	public TfConfigApi forCluster(ClusterAccess access) {
		return clients.compute(access.clusterId(), (id, cached) -> {
			if (cached != null && cached.credentialsVersion() == access.credentialsVersion()) {
				return cached;
			}
			return new Cached(access.credentialsVersion(),
					new TfConfigApiClient(access.tungstenFabric(), settings, json, clock));
		}).api();
	}

	private record Cached(long credentialsVersion, TfConfigApi api) {
	}

}
