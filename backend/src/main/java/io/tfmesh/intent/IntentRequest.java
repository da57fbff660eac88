package io.tfmesh.intent;

import java.util.List;
import java.util.Locale;

import io.tfmesh.system.validation.DnsLabel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * An intent as clients send it: pods of {@code sourceNamespace} in the source cluster may reach
 * the Service {@code destinationService} of {@code destinationNamespace} in the destination cluster.
 *
 * @param name optional, for people
 * @param protocol {@code tcp}, {@code udp} or {@code any}
 * @param ports ports ({@code 8080}) and ranges ({@code 8000-8100}); empty only with protocol
 * {@code any}, meaning every port
 */
public record IntentRequest(@Nullable @DnsLabel String name, @NotNull Long sourceClusterId,
		@NotBlank @DnsLabel String sourceNamespace, @NotNull Long destinationClusterId,
		@NotBlank @DnsLabel String destinationNamespace, @NotBlank @DnsLabel String destinationService,
		@NotBlank String protocol, @Nullable @Size(max = 100) List<@NotNull String> ports,
		@Nullable @Size(max = 500) String description) {

	public IntentRequest {
		name = (name == null || name.isBlank()) ? null : name.strip();
		sourceNamespace = strip(sourceNamespace);
		destinationNamespace = strip(destinationNamespace);
		destinationService = strip(destinationService);
		protocol = (protocol == null) ? null : protocol.strip().toLowerCase(Locale.ROOT);
		ports = (ports == null) ? List.of() : ports.stream().filter(port -> port == null || !port.isBlank()).toList();
		description = (description == null) ? "" : description.strip();
	}

	private static @Nullable String strip(@Nullable String value) {
		return (value == null) ? null : value.strip();
	}

}
