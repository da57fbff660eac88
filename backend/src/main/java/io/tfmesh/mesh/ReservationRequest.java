package io.tfmesh.mesh;

import io.tfmesh.system.validation.CanonicalCidr;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A block an admin sets aside, with the reason. */
public record ReservationRequest(@NotBlank @CanonicalCidr String cidr, @Size(max = 200) String note) {

	public ReservationRequest {
		cidr = cidr == null ? null : cidr.strip();
		note = note == null ? "" : note.strip();
	}

}
