package io.tfmesh.fabric.tf;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.ClusterAccessChanged;
import io.tfmesh.fabric.FabricSettings;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * The config API client of each cluster, kept between calls so that its Keystone token is
 * reused, and rebuilt when the cluster's endpoint or credentials change. Every cluster's
 * requests go through one HTTP client, whose connections and threads do not grow with the
 * number of clusters; at most {@code tfmesh.fabric.client-pool-size} clusters keep their
 * client, and a deleted cluster's is dropped.
 */
@Component
public class TfConfigApis {

	private final FabricSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	private final HttpClient http;

	private final int capacity;

	// access order: the first entry is the least recently used
	private final Map<Long, Cached> clients = new LinkedHashMap<>(16, 0.75f, true);

	public TfConfigApis(FabricSettings settings, JsonMapper json, Clock clock) {
		this.settings = settings;
		this.json = json;
		this.clock = clock;
		this.http = TfConfigApiClient.httpClient(settings);
		this.capacity = settings.clientPoolSize();
	}

	public synchronized TfConfigApi forCluster(ClusterAccess access) {
		Cached cached = clients.get(access.clusterId());
		if (cached == null || cached.credentialsVersion() != access.credentialsVersion()) {
			cached = new Cached(access.credentialsVersion(),
					new TfConfigApiClient(access.tungstenFabric(), http, settings, json, clock));
			clients.put(access.clusterId(), cached);
			if (clients.size() > capacity) {
				// a client holds no connection of its own, only its Keystone token: dropping it is enough
				clients.remove(clients.keySet().iterator().next());
			}
		}
		return cached.api();
	}

	/** Drops the cluster's client, so that the next call authenticates with what is stored then. */
	public synchronized void release(long clusterId) {
		clients.remove(clusterId);
	}

	/** Once the change is committed: a client rebuilt before that would hold what was stored before. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(ClusterAccessChanged changed) {
		release(changed.clusterId());
	}

	/** Whether the cluster has a client now. */
	public synchronized boolean holds(long clusterId) {
		return clients.containsKey(clusterId);
	}

	/** How many clusters have a client now. */
	public synchronized int openClients() {
		return clients.size();
	}

	private record Cached(long credentialsVersion, TfConfigApi api) {
	}

}
