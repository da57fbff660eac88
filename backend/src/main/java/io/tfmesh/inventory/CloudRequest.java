package io.tfmesh.inventory;

import java.util.List;

import io.tfmesh.net.IpAddresses;
import io.tfmesh.system.validation.CanonicalCidr;
import io.tfmesh.system.validation.DnsLabel;
import io.tfmesh.system.validation.IpAddress;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A cloud as clients send it, for creation and for replacement.
 *
 * @param underlayGateway the underlay's default gateway; it must lie inside one of the
 * underlay CIDRs
 * @param version on replacement, the version the change is based on
 */
public record CloudRequest(@NotBlank @DnsLabel String name, @NotNull Provider provider,
		@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*",
				message = "may hold letters, digits and . _ -, such as us-east-1") String region,
		@NotEmpty @Size(max = CloudRequest.MAX_UNDERLAYS) List<@NotBlank @CanonicalCidr String> underlayCidrs,
		@NotBlank @IpAddress String underlayGateway, @Nullable Long version) {

	/** The most underlay networks a cloud lists. */
	public static final int MAX_UNDERLAYS = 64;

	public CloudRequest {
		name = strip(name);
		region = strip(region);
		underlayGateway = IpAddresses.canonical(strip(underlayGateway));
		underlayCidrs = underlayCidrs == null ? null : underlayCidrs.stream().map(CloudRequest::strip).toList();
	}

	static String strip(String value) {
		return value == null ? null : value.strip();
	}

}
