package io.tfmesh.sandbox;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The state the control node should report for its BGP session with one peer from now on.
 *
 * @param peer the peer's bgp-router name, as the control node lists it
 * @param state a state of the BGP state machine (tf-controller's {@code src/bgp/state_machine.cc}),
 * or empty to let the two clusters' TF configurations decide it again
 */
public record BgpPeerStateRequest(@NotBlank String peer,
		@Pattern(regexp = "|Idle|Active|Connect|OpenSent|OpenConfirm|Established",
				message = "must be Idle, Active, Connect, OpenSent, OpenConfirm, Established or empty") String state) {
}
