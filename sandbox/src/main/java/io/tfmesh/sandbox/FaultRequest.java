package io.tfmesh.sandbox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fault to put on one API of an emulated cluster, for demos and tests. A request with all
 * defaults clears the faults of that API.
 *
 * @param target {@code kubernetes}, {@code tungsten-fabric} or {@code introspect}
 * @param latencyMs delay added to every answer
 * @param errorRate share of requests answered with a server error (not for introspect)
 */
public record FaultRequest(@NotNull @Pattern(regexp = "kubernetes|tungsten-fabric|introspect",
		message = "must be kubernetes, tungsten-fabric or introspect") String target, @Nullable Boolean down,
		@Nullable @Min(0) @Max(120_000) Long latencyMs, @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double errorRate) {

	public FaultRequest {
		down = down != null && down;
		latencyMs = latencyMs == null ? 0 : latencyMs;
		errorRate = errorRate == null ? 0 : errorRate;
	}

}
