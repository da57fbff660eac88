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
 * defaults clears the faults of that API. The three shares are of one draw per request, so
 * they add up to at most 1.
 *
 * @param target {@code kubernetes}, {@code tungsten-fabric} or {@code introspect}
 * @param latencyMs delay added to every answer
 * @param errorRate share of requests answered 503 (not for introspect)
 * @param timeoutRate share of requests that hang for {@code hangMs} and then lose their
 * connection without an answer, never carried out (not for introspect)
 * @param lostAnswerRate share of requests carried out whose answer is lost the same way (not
 * for introspect)
 * @param hangMs how long a request that times out or loses its answer hangs, 30 s when left out
 */
public record FaultRequest(@NotNull @Pattern(regexp = "kubernetes|tungsten-fabric|introspect",
		message = "must be kubernetes, tungsten-fabric or introspect") String target, @Nullable Boolean down,
		@Nullable @Min(0) @Max(120_000) Long latencyMs, @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double errorRate,
		@Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double timeoutRate,
		@Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double lostAnswerRate,
		@Nullable @Min(0) @Max(600_000) Long hangMs) {

	static final long DEFAULT_HANG_MS = 30_000;

	public FaultRequest {
		down = down != null && down;
		latencyMs = latencyMs == null ? 0 : latencyMs;
		errorRate = errorRate == null ? 0 : errorRate;
		timeoutRate = timeoutRate == null ? 0 : timeoutRate;
		lostAnswerRate = lostAnswerRate == null ? 0 : lostAnswerRate;
		hangMs = hangMs == null ? DEFAULT_HANG_MS : hangMs;
	}

	/** The fault with only the settings the sandbox page offers. */
	static FaultRequest of(String target, boolean down, long latencyMs, double errorRate) {
		return new FaultRequest(target, down, latencyMs, errorRate, null, null, null);
	}

	/** Whether the shares of one draw add up to at most 1, with slack for sums such as 0.1 + 0.2 + 0.7. */
	boolean sharesFit() {
		return errorRate + timeoutRate + lostAnswerRate <= 1 + 1e-9;
	}

}
