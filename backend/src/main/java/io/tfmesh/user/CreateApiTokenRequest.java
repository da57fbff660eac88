package io.tfmesh.user;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** @param expiresInDays days until the token stops working, or null for a token that does not expire */
public record CreateApiTokenRequest(@NotBlank @Size(max = 100) String name,
		@Nullable @Min(1) @Max(3650) Integer expiresInDays) {
}
