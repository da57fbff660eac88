package io.tfmesh.health.diagnose;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.observe.ObservedState;
import org.jspecify.annotations.Nullable;

/**
 * The BGP speakers of the other clusters of a cluster's mesh, as their latest observations
 * give them: their control-node bgp-routers and the nodes their control pods run on.
 *
 * @param mesh the mesh's name, null when the cluster is in none
 * @param others the names of the mesh's other clusters
 * @param speakers what was read of them
 * @param unread the other clusters whose control nodes were not read (never observed, or their
 * TF configuration and pods did not answer)
 */
public record MeshSpeakers(@Nullable String mesh, List<String> others, List<Speaker> speakers, List<String> unread) {

	static final String CONTROL_CONTAINER = "contrail-controller-control";

	public MeshSpeakers {
		others = List.copyOf(others);
		speakers = List.copyOf(speakers);
		unread = List.copyOf(unread);
	}

	/** A cluster in no mesh. */
	public static MeshSpeakers none() {
		return new MeshSpeakers(null, List.of(), List.of(), List.of());
	}

	/**
	 * @param others the other members' names by cluster id
	 * @param observed the latest observation of those that were observed
	 */
	public static MeshSpeakers of(String mesh, Map<Long, String> others, Map<Long, ObservedState> observed,
			Instant now) {
		List<Speaker> speakers = new ArrayList<>();
		List<String> unread = new ArrayList<>();
		others.forEach((id, name) -> {
			ObservedState state = observed.get(id);
			int before = speakers.size();
			if (state != null) {
				speakers.addAll(speakers(name, state, now));
			}
			if (speakers.size() == before) {
				unread.add(name);
			}
		});
		return new MeshSpeakers(mesh, List.copyOf(others.values()), speakers, unread);
	}

	/** The speakers of other clusters at this address. */
	List<Speaker> at(String address) {
		return speakers.stream().filter(speaker -> speaker.address().equals(address)).toList();
	}

	private static List<Speaker> speakers(String cluster, ObservedState state, Instant now) {
		long age = Math.max(0, Duration.between(state.observedAt(), now).toSeconds());
		List<Speaker> speakers = new ArrayList<>();
		if (state.read(Diagnoses.TF_SOURCE) && state.tungstenFabric() != null) {
			for (BgpRouter router : state.tungstenFabric().bgpRouters()) {
				if ("control-node".equals(router.parameters().routerType())) {
					speakers.add(new Speaker(cluster, router.parameters().address(),
							"bgp-router " + router.fqName().get(router.fqName().size() - 1), Diagnoses.TF_SOURCE, age));
				}
			}
		}
		if (state.read(Diagnoses.PODS_SOURCE) && state.read(Diagnoses.NODES_SOURCE)) {
			for (PodInfo pod : state.tfPods()) {
				boolean control = pod.containers().stream().anyMatch(c -> CONTROL_CONTAINER.equals(c.name()));
				if (!control || pod.nodeName() == null) {
					continue;
				}
				for (NodeInfo node : state.nodes()) {
					node.addresses()
						.stream()
						.filter(a -> node.name().equals(pod.nodeName()) && "InternalIP".equals(a.type()))
						.forEach(a -> speakers.add(new Speaker(cluster, a.address(), "control node on " + node.name(),
								Diagnoses.PODS_SOURCE, age)));
				}
			}
		}
		return speakers;
	}

	/**
	 * One BGP speaker of another cluster.
	 *
	 * @param what such as {@code bgp-router aws-east-master} or {@code control node on aws-east-master}
	 * @param source the observation source it was read from
	 */
	public record Speaker(String cluster, String address, String what, String source, long ageSeconds) {
	}

}
