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

	/** @return whether anything was written */
	boolean apply(ServiceExport export) {
		Map<String, List<String>> byFamily = byFamily(export);
		Written<Service> service = applyService(export);
		boolean written = service.written();
		for (String family : List.of("IPv4", "IPv6")) {
			List<String> addresses = byFamily.get(family);
			// an IPv4 slice stays even when empty, so the Service shows it has no endpoints yet
			if (addresses.isEmpty() && !(family.equals("IPv4") && byFamily.get("IPv6").isEmpty())) {
				written |= deleteSlice(export.namespace(), sliceName(export, family));
			}
			else {
				written |= applySlice(export, service.object(), family, addresses);
			}
		}
		return written;
	}

	/** @return whether anything was deleted */
	boolean remove(String namespace, String name) {
		String what = "Service " + namespace + "/" + name;
		Service existing = failures.call("read " + what,
				() -> client.services().inNamespace(namespace).withName(name).get());
		if (existing != null) {
			requireManaged(existing, what);
		}
		boolean deleted = false;
		// the slices first: a Service deleted before them would leave them if the worker stopped in between
		for (String family : List.of("IPv4", "IPv6")) {
			deleted |= deleteSlice(namespace, name + "-" + family.toLowerCase(Locale.ROOT));
		}
		if (existing != null) {
			failures.call("delete " + what, () -> client.services().inNamespace(namespace).withName(name).delete());
			deleted = true;
		}
		return deleted;
	}

	private Written<Service> applyService(ServiceExport export) {
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
			return new Written<>(failures.call("create " + what,
					() -> client.services().inNamespace(export.namespace()).resource(desired).create()), true);
		}
		requireManaged(existing, what);
		boolean same = labels(export).equals(existing.getMetadata().getLabels())
				&& (existing.getSpec().getSelector() == null || existing.getSpec().getSelector().isEmpty())
				&& servicePorts(ports).equals(servicePorts(existing.getSpec().getPorts()));
		if (same) {
			return new Written<>(existing, false);
		}
		existing.getMetadata().setLabels(labels(export));
		existing.getSpec().setPorts(ports);
		existing.getSpec().setSelector(null);
		return new Written<>(failures.call("update " + what,
				() -> client.services().inNamespace(export.namespace()).resource(existing).update()), true);
	}

	/** The port fields tfmesh sets; the API server adds others (a node port, the app protocol). */
	private static List<List<Object>> servicePorts(List<io.fabric8.kubernetes.api.model.ServicePort> ports) {
		if (ports == null) {
			return List.of();
		}
		return ports.stream()
			.map(port -> List.<Object>of(String.valueOf(port.getName()), String.valueOf(port.getProtocol()),
					String.valueOf(port.getPort()), String.valueOf(port.getTargetPort())))
			.toList();
	}

	private boolean applySlice(ServiceExport export, Service service, String family, List<String> addresses) {
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
		EndpointSlice existing = failures.call("read " + what,
				() -> slices(export.namespace()).withName(name).get());
		if (existing == null) {
			failures.call("create " + what, () -> slices(export.namespace()).resource(desired).create());
			return true;
		}
		requireManaged(existing, what);
		if (sameSlice(desired, existing)) {
			return false;
		}
		desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
		failures.call("update " + what, () -> slices(export.namespace()).resource(desired).update());
		return true;
	}

	private static boolean sameSlice(EndpointSlice desired, EndpointSlice existing) {
		return desired.getMetadata().getLabels().equals(existing.getMetadata().getLabels())
				&& desired.getAddressType().equals(existing.getAddressType())
				&& endpoints(desired).equals(endpoints(existing)) && slicePorts(desired).equals(slicePorts(existing));
	}

	private static List<List<String>> endpoints(EndpointSlice slice) {
		if (slice.getEndpoints() == null) {
			return List.of();
		}
		return slice.getEndpoints().stream().map(endpoint -> List.copyOf(endpoint.getAddresses())).toList();
	}

	private static List<List<Object>> slicePorts(EndpointSlice slice) {
		if (slice.getPorts() == null) {
			return List.of();
		}
		return slice.getPorts()
			.stream()
			.map(port -> List.<Object>of(String.valueOf(port.getName()), String.valueOf(port.getProtocol()),
					String.valueOf(port.getPort())))
			.toList();
	}

	/** @return whether a slice was deleted */
	private boolean deleteSlice(String namespace, String name) {
		String what = "EndpointSlice " + namespace + "/" + name;
		EndpointSlice existing = failures.call("read " + what, () -> slices(namespace).withName(name).get());
		if (existing != null && isManaged(existing)) {
			failures.call("delete " + what, () -> slices(namespace).withName(name).delete());
			return true;
		}
		return false;
	}

	private NonNamespaceOperation<EndpointSlice, EndpointSliceList, Resource<EndpointSlice>> slices(
			String namespace) {
		return client.discovery().v1().endpointSlices().inNamespace(namespace);
	}

	private record Written<T>(T object, boolean written) {
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
