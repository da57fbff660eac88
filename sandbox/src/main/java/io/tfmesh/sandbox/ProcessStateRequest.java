package io.tfmesh.sandbox;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The state a TF process of an emulated node should report from now on.
 *
 * @param state as the process's NodeStatus says it: {@code Functional} or {@code Non-Functional}
 * @param description the reason contrail-status shows in parentheses; may be empty
 */
public record ProcessStateRequest(@NotBlank String node, @NotBlank String pod, @NotBlank String service,
		@NotBlank @Pattern(regexp = "Functional|Non-Functional",
				message = "must be Functional or Non-Functional") String state,
		@Size(max = 500) String description) {
}
