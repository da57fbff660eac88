package io.tfmesh.fabric.kubernetes;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.net.IpAddresses;

/**
 * Creates or updates a Service without selector and its EndpointSlices. Kubernetes' own
 * EndpointSlice controller leaves selector-less Services alone, so these slices are the
 * Service's only endpoints.
 */
final class ServiceApplier {

	static final String MANAGED_BY = "app.kubernetes.io/managed-by";

	static final String TFMESH = "tfmesh";

	static final String SERVICE_NAME = "kubernetes.io/service-name";

	static final String SLICE_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";

	private final KubernetesClient client;

	private final KubernetesFailures failures;

	ServiceApplier(KubernetesClient client, KubernetesFailures failures) {
		this.client = client;
		this.failures = failures;
	}

	void apply(ServiceExport export) {
		Map<String, List<String>> byFamily = byFamily(export);
		Service service = applyService(export);
		for (String family : List.of("IPv4", "IPv6")) {
			List<String> addresses = byFamily.get(family);
			// an IPv4 slice stays even when empty, so the Service shows it has no endpoints yet
			if (addresses.isEmpty() && !(family.equals("IPv4") && byFamily.get("IPv6").isEmpty())) {
				deleteSlice(export, sliceName(export, family));
			}
			else {
				applySlice(export, service, family, addresses);
			}
		}
	}

	private Service applyService(ServiceExport export) {
		String what = "Service " + export.namespace() + "/" + export.name();
		List<io.fabric8.kubernetes.api.model.ServicePort> ports = export.ports()
			.stream()
			.map(port -> new ServicePortBuilder().withName(port.name())
				.withProtocol(protocol(port))
				.withPort(port.port())
				.withTargetPort(new IntOrString(port.targetPort()))
				.build())
			.toList();
		Service existing = failures.call("read " + what,
				() -> client.services().inNamespace(export.namespace()).withName(export.name()).get());
		if (existing == null) {
			Service desired = new ServiceBuilder().withNewMetadata()
				.withNamespace(export.namespace())
				.withName(export.name())
				.withLabels(labels(export))
				.endMetadata()
				.withNewSpec()
				.withType("ClusterIP")
				.withPorts(ports)
				.endSpec()
				.build();
			return failures.call("create " + what,
					() -> client.services().inNamespace(export.namespace()).resource(desired).create());
		}
		requireManaged(existing, what);
		existing.getMetadata().setLabels(labels(export));
		existing.getSpec().setPorts(ports);
		existing.getSpec().setSelector(null);
		return failures.call("update " + what,
				() -> client.services().inNamespace(export.namespace()).resource(existing).update());
	}

	private void applySlice(ServiceExport export, Service service, String family, List<String> addresses) {
		String name = sliceName(export, family);
		String what = "EndpointSlice " + export.namespace() + "/" + name;
		Map<String, String> labels = labels(export);
		labels.put(SERVICE_NAME, export.name());
		labels.put(SLICE_MANAGED_BY, TFMESH);
		EndpointSlice desired = new EndpointSliceBuilder().withNewMetadata()
			.withNamespace(export.namespace())
			.withName(name)
			.withLabels(labels)
			.withOwnerReferences(owner(service))
			.endMetadata()
			.withAddressType(family)
			.withEndpoints(addresses.stream()
				.map(address -> new EndpointBuilder().withAddresses(address)
					.withNewConditions()
					.withReady(true)
					.endConditions()
					.build())
				.toList())
			.withPorts(export.ports()
				.stream()
				.map(port -> new EndpointPortBuilder().withName(port.name())
					.withProtocol(protocol(port))
					.withPort(port.targetPort())
					.build())
				.toList())
			.build();
		EndpointSlice existing = failures.call("read " + what, () -> slices(export).withName(name).get());
		if (existing == null) {
			failures.call("create " + what, () -> slices(export).resource(desired).create());
			return;
		}
		requireManaged(existing, what);
		desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
		failures.call("update " + what, () -> slices(export).resource(desired).update());
	}

	private void deleteSlice(ServiceExport export, String name) {
		String what = "EndpointSlice " + export.namespace() + "/" + name;
		EndpointSlice existing = failures.call("read " + what, () -> slices(export).withName(name).get());
		if (existing != null && isManaged(existing)) {
			failures.call("delete " + what, () -> slices(export).withName(name).delete());
		}
	}

	private NonNamespaceOperation<EndpointSlice, EndpointSliceList, Resource<EndpointSlice>> slices(
			ServiceExport export) {
		return client.discovery().v1().endpointSlices().inNamespace(export.namespace());
	}

	private Map<String, List<String>> byFamily(ServiceExport export) {
		Map<String, List<String>> byFamily = new LinkedHashMap<>();
		byFamily.put("IPv4", new ArrayList<>());
		byFamily.put("IPv6", new ArrayList<>());
		for (String text : export.endpointAddresses()) {
			Optional<InetAddress> address = IpAddresses.parse(text);
			if (address.isEmpty()) {
				throw failures.failure(Kind.BAD_REQUEST, 0, "endpoint address '" + text + "' of Service "
						+ export.namespace() + "/" + export.name() + " is not an IP address", null);
			}
			byFamily.get((address.get() instanceof Inet4Address) ? "IPv4" : "IPv6")
				.add(IpAddresses.format(address.get()));
		}
		return byFamily;
	}

	private void requireManaged(HasMetadata existing, String what) {
		if (!isManaged(existing)) {
			throw failures.failure(Kind.CONFLICT, 0,
					what + " exists and is not managed by tfmesh (no label " + MANAGED_BY + "=" + TFMESH + ")", null);
		}
	}

	private static boolean isManaged(HasMetadata object) {
		Map<String, String> labels = object.getMetadata().getLabels();
		return labels != null && TFMESH.equals(labels.get(MANAGED_BY));
	}

	private static Map<String, String> labels(ServiceExport export) {
		Map<String, String> labels = new LinkedHashMap<>(export.labels());
		labels.put(MANAGED_BY, TFMESH);
		return labels;
	}

	private static List<OwnerReference> owner(Service service) {
		if (service.getMetadata().getUid() == null) {
			return List.of();
		}
		// lets Kubernetes delete the slices together with the Service
		return List.of(new OwnerReferenceBuilder().withApiVersion("v1")
			.withKind("Service")
			.withName(service.getMetadata().getName())
			.withUid(service.getMetadata().getUid())
			.build());
	}

	static String sliceName(ServiceExport export, String family) {
		return export.name() + "-" + family.toLowerCase(Locale.ROOT);
	}

	private static String protocol(ServicePort port) {
		return (port.protocol() == null || port.protocol().isBlank()) ? "TCP" : port.protocol();
	}

}
