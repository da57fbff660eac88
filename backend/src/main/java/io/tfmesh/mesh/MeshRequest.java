package io.tfmesh.mesh;

import java.time.LocalTime;
import java.util.List;

import io.tfmesh.system.validation.CanonicalCidr;
import io.tfmesh.system.validation.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A mesh as clients send it. Left out, the pools and the ASN range take defaults that avoid
 * the usual cloud underlays (see {@link MeshDefaults}).
 *
 * @param clusterIds the members; a cluster is in at most one mesh. Left out when a mesh is
 * replaced, the members stay as they are (they are then added and removed one by one)
 * @param version on replacement, the version the change is based on
 * @param applyOnApproval whether an approved plan starts by itself (inside the change window,
 * when there is one) instead of waiting for someone to apply it
 * @param changeWindowDays the days plans may start on, such as {@code sat,sun}; with the start
 * and end (UTC), or none of the three for no window
 */
public record MeshRequest(@NotBlank @DnsLabel String name, @Nullable @Size(max = 500) String description,
		@Nullable @Min(1) @Max(4294967295L) Long asnMin, @Nullable @Min(1) @Max(4294967295L) Long asnMax,
		@Nullable @Size(max = 3) List<@NotNull @Valid Pool> pools, @Nullable List<@NotNull Long> clusterIds,
		@Nullable Long version, @Nullable Boolean applyOnApproval, @Nullable @Size(max = 60) String changeWindowDays,
		@Nullable LocalTime changeWindowStart, @Nullable LocalTime changeWindowEnd) {

	public MeshRequest {
		name = name == null ? null : name.strip();
		description = description == null ? "" : description.strip();
		asnMin = asnMin == null ? MeshDefaults.PRIVATE_ASN_MIN : asnMin;
		asnMax = asnMax == null ? MeshDefaults.PRIVATE_ASN_MAX : asnMax;
		pools = pools == null ? MeshDefaults.POOLS : List.copyOf(pools);
		clusterIds = clusterIds == null ? null : List.copyOf(clusterIds);
		applyOnApproval = Boolean.TRUE.equals(applyOnApproval);
		changeWindowDays = changeWindowDays == null || changeWindowDays.isBlank() ? null : changeWindowDays.strip();
	}

	/** The members the request names, none when it names none. */
	public List<Long> members() {
		return clusterIds == null ? List.of() : clusterIds;
	}

	/** @throws IllegalArgumentException when the window is set only in part or its days cannot be read */
	public @Nullable ChangeWindow changeWindow() {
		return ChangeWindow.of(changeWindowDays, changeWindowStart, changeWindowEnd);
	}

	/**
	 * The supernet one kind of CIDR is carved from.
	 *
	 * @param kind pod, service or fabric
	 * @param defaultPrefixLength the length of the blocks handed out when a request names none
	 */
	public record Pool(@NotNull Kind kind, @NotBlank @CanonicalCidr String cidr,
			@NotNull @Min(1) @Max(128) Integer defaultPrefixLength) {
	}

}
