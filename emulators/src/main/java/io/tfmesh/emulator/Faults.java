package io.tfmesh.emulator;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The faults an emulated server injects, decided request by request: an answer held back by a
 * latency, a share answered 503, a share that hangs and then loses its connection without an
 * answer, and a share whose write is carried out but whose answer is lost the same way. One
 * random draw per request picks among the shares, so they add up to at most 1. The draws come
 * from a replaceable generator, so a test can make them repeatable.
 */
public final class Faults {

	private final AtomicInteger failuresAhead = new AtomicInteger();

	private RandomGenerator random = new SplittableRandom();

	private Duration latency = Duration.ZERO;

	private double errorRate;

	private double timeoutRate;

	private double lostAnswerRate;

	private Duration hang = Duration.ZERO;

	/** What to do with one request. */
	public enum Fault {

		/** Serve it as usual, after the latency. */
		ANSWER,

		/** Answer 503 without serving it. */
		UNAVAILABLE,

		/** Serve nothing: hang, then close the connection without an answer. */
		TIMEOUT,

		/** Serve it, then hang and close the connection without sending the answer. */
		LOST_ANSWER

	}

	/** Draws from this generator from now on. */
	public synchronized void random(RandomGenerator random) {
		this.random = random;
	}

	public synchronized void latency(Duration latency) {
		if (latency.isNegative()) {
			throw new IllegalArgumentException("a latency cannot be negative, not " + latency);
		}
		this.latency = latency;
	}

	public synchronized Duration latency() {
		return latency;
	}

	/** This share (0 to 1) of requests answer 503. */
	public synchronized void errorRate(double share) {
		checkShares(share, timeoutRate, lostAnswerRate);
		this.errorRate = share;
	}

	/**
	 * This share (0 to 1) of requests reach nothing: the connection stays silent for
	 * {@code hang}, then closes without an answer.
	 */
	public synchronized void timeoutRate(double share, Duration hang) {
		checkShares(errorRate, share, lostAnswerRate);
		this.timeoutRate = share;
		this.hang = checkHang(hang);
	}

	/**
	 * This share (0 to 1) of requests are carried out, but their answer never leaves: the
	 * connection stays silent for {@code hang}, then closes. A client that tries a create again
	 * finds the object it made.
	 */
	public synchronized void lostAnswerRate(double share, Duration hang) {
		checkShares(errorRate, timeoutRate, share);
		this.lostAnswerRate = share;
		this.hang = checkHang(hang);
	}

	/**
	 * How long a request that times out, or loses its answer, keeps its connection silent: the
	 * hang given last, to either.
	 */
	public synchronized Duration hang() {
		return hang;
	}

	/** The next {@code count} requests answer 503, whatever the shares. */
	public void failNext(int count) {
		failuresAhead.set(count);
	}

	/** No latency, no failures. */
	public synchronized void clear() {
		latency = Duration.ZERO;
		errorRate = 0;
		timeoutRate = 0;
		lostAnswerRate = 0;
		hang = Duration.ZERO;
		failuresAhead.set(0);
	}

	/** Decides the fate of the next request. */
	public Fault next() {
		if (failuresAhead.getAndUpdate(n -> (n > 0) ? n - 1 : 0) > 0) {
			return Fault.UNAVAILABLE;
		}
		synchronized (this) {
			if (errorRate == 0 && timeoutRate == 0 && lostAnswerRate == 0) {
				return Fault.ANSWER;
			}
			double draw = random.nextDouble();
			if (draw < errorRate) {
				return Fault.UNAVAILABLE;
			}
			if (draw < errorRate + timeoutRate) {
				return Fault.TIMEOUT;
			}
			return (draw < errorRate + timeoutRate + lostAnswerRate) ? Fault.LOST_ANSWER : Fault.ANSWER;
		}
	}

	private static void checkShares(double errors, double timeouts, double lostAnswers) {
		for (double share : new double[] { errors, timeouts, lostAnswers }) {
			if (!(share >= 0 && share <= 1)) {
				throw new IllegalArgumentException("a fault rate is a share between 0 and 1, not " + share);
			}
		}
		// a little slack for sums such as 0.1 + 0.2 + 0.7
		if (errors + timeouts + lostAnswers > 1 + 1e-9) {
			throw new IllegalArgumentException("the shares of errors (" + errors + "), timeouts (" + timeouts
					+ ") and lost answers (" + lostAnswers + ") add up to more than 1");
		}
	}

	private static Duration checkHang(Duration hang) {
		if (hang.isNegative()) {
			throw new IllegalArgumentException("a hang cannot be negative, not " + hang);
		}
		return hang;
	}

}
