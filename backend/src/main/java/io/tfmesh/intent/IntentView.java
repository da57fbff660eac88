package io.tfmesh.intent;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * An intent as the API returns it.
 *
 * @param ports ascending, merged: {@code ["8000-8100", "9090"]}; empty means every port
 * @param meshId the mesh both clusters are members of, null while they are not in one
 */
public record IntentView(long id, @Nullable String name, long sourceClusterId, String sourceClusterName,
		String sourceNamespace, long destinationClusterId, String destinationClusterName, String destinationNamespace,
		String destinationService, String protocol, List<String> ports, String description, @Nullable Long meshId,
		@Nullable String meshName, Instant createdAt, String createdBy, Instant updatedAt, long version) {

	public IntentView {
		ports = List.copyOf(ports);
	}

	/** {@code frontend@aws-east → orders.backend@gcp-west TCP 8080}, as the audit and the pages name it. */
	public String summary() {
		return sourceNamespace + "@" + sourceClusterName + " → " + destinationService + "." + destinationNamespace
				+ "@" + destinationClusterName + " " + protocol.toUpperCase(Locale.ROOT)
				+ (ports.isEmpty() ? " all ports" : " " + String.join(",", ports));
	}

	/** The name, or the summary when it has none. */
	public String title() {
		return (name != null) ? name : summary();
	}

}
