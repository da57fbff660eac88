package io.tfmesh.sandbox;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.NotFoundException;
import jakarta.validation.Valid;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Profile("sandbox")
@RequestMapping("/api/v1/sandbox")
@Tag(name = "Sandbox", description = "The emulated clusters of the sandbox profile: endpoints, faults, reset")
class SandboxApiController {

	private final Sandbox sandbox;

	SandboxApiController(Sandbox sandbox) {
		this.sandbox = sandbox;
	}

	@GetMapping
	@Operation(summary = "The emulated clusters, their endpoints and process states")
	List<SandboxView> clusters() {
		return sandbox.clusters().stream().map(SandboxView::of).toList();
	}

	@PostMapping("/reset")
	@Operation(summary = "Put the seed story back in every emulated cluster")
	List<SandboxView> reset() {
		sandbox.reset();
		return clusters();
	}

	@PostMapping("/clusters/{name}/faults")
	@Operation(summary = "Make one API of an emulated cluster down, slow, failing with 503, timing out or losing"
			+ " answers")
	SandboxView fault(@PathVariable String name, @Valid @RequestBody FaultRequest fault) {
		EmulatedCluster cluster = cluster(name);
		if (!fault.sharesFit()) {
			throw new InvalidInputException("errorRate", "errorRate, timeoutRate and lostAnswerRate are shares of one"
					+ " draw and add up to at most 1");
		}
		cluster.fault(fault);
		return SandboxView.of(cluster);
	}

	@GetMapping("/clusters/{name}/writes")
	@Operation(summary = "The writes each API of an emulated cluster accepted from clients, per object",
			description = "Kubernetes objects are keyed `<resource>/<namespace>/<name>` (`<resource>/<name>` when"
					+ " cluster-wide), TF objects `<type>/<fq_name joined by colons>`.")
	WritesView writes(@PathVariable String name) {
		return cluster(name).writes();
	}

	@PostMapping("/clusters/{name}/processes")
	@Operation(summary = "Set the state and description a TF process reports")
	SandboxView process(@PathVariable String name, @Valid @RequestBody ProcessStateRequest request) {
		EmulatedCluster cluster = cluster(name);
		if (!cluster.nodes().containsKey(request.node())) {
			throw new InvalidInputException("node", "no node '" + request.node() + "' in " + name + "; it has "
					+ String.join(", ", cluster.nodes().keySet()));
		}
		if (!cluster.hasService(request.node(), request.pod(), request.service())) {
			throw new InvalidInputException("service", "no service '" + request.pod() + "/" + request.service()
					+ "' with introspect on " + request.node());
		}
		cluster.processState(request.node(), request.pod(), request.service(), request.state(),
				request.description() == null ? "" : request.description());
		return SandboxView.of(cluster);
	}

	@DeleteMapping("/clusters/{name}/bgp-router")
	@Operation(summary = "Delete the control node's bgp-router: control then lacks BGP configuration for itself until"
			+ " a bgp-router named after its hostname is created; restarting its pod does not help")
	SandboxView deleteBgpRouter(@PathVariable String name) {
		EmulatedCluster cluster = cluster(name);
		try {
			cluster.deleteBgpRouter();
		}
		catch (IllegalStateException ex) {
			throw new ConflictException(ex.getMessage());
		}
		return SandboxView.of(cluster);
	}

	@PostMapping("/clusters/{name}/pod-network/restart")
	@Operation(summary = "Restart the pods on the pod network (kube-dns's), as kubectl rollout restart would",
			description = "Their addresses move to the first subnet of the pod network's IPAM with free addresses;"
					+ " answers the new addresses.")
	List<String> restartPodNetworkPods(@PathVariable String name) {
		return cluster(name).restartPodNetworkPods();
	}

	@PostMapping("/clusters/{name}/containers")
	@Operation(summary = "Make a container of a node crash-loop while its pod keeps running, or run again")
	SandboxView container(@PathVariable String name, @Valid @RequestBody ContainerRequest request) {
		EmulatedCluster cluster = cluster(name);
		if (!cluster.nodes().containsKey(request.node())) {
			throw new InvalidInputException("node", "no node '" + request.node() + "' in " + name + "; it has "
					+ String.join(", ", cluster.nodes().keySet()));
		}
		try {
			cluster.crashLoop(request.node(), request.container(), request.crashLooping());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("container", "no TF pod on " + request.node() + " has a container '"
					+ request.container() + "'");
		}
		return SandboxView.of(cluster);
	}

	@PostMapping("/clusters/{name}/bgp-peers")
	@Operation(summary = "Set the state of the control node's BGP session with a peer",
			description = "Without a state set, a session is Established when both control nodes have BGP configuration "
					+ "for themselves and each cluster's TF configuration peers with the other; an empty state gives the "
					+ "session back to the configurations.")
	SandboxView bgpPeer(@PathVariable String name, @Valid @RequestBody BgpPeerStateRequest request) {
		EmulatedCluster cluster = cluster(name);
		String state = (request.state() == null || request.state().isEmpty()) ? null : request.state();
		cluster.bgpPeerState(request.peer(), state);
		return SandboxView.of(cluster);
	}

	@PostMapping("/clusters/{name}/introspect-tls")
	@Operation(summary = "Serve the cluster's introspect over HTTPS with client certificates, or plain HTTP again",
			description = "Answers the throwaway CA, client certificate and key to register the cluster with.")
	IntrospectTlsView introspectTls(@PathVariable String name, @Valid @RequestBody IntrospectTlsRequest request) {
		return IntrospectTlsView.of(cluster(name).introspectTls(request.enabled()));
	}

	private EmulatedCluster cluster(String name) {
		return sandbox.cluster(name).orElseThrow(() -> new NotFoundException("sandbox cluster", name));
	}

}
