package io.tfmesh.fabric.kubernetes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * At most {@code capacity} clients, one per cluster, each kept while the cluster's credentials
 * stay the same (their version only grows). Beyond the capacity the least recently used client is closed; a client is
 * also closed when its cluster's credentials change or the cluster is removed. A client is
 * leased for the length of a call, and one that has to go while leased is closed when its last
 * call returns, so a call never loses its client half-way.
 *
 * @param <C> the client, which owns connections and threads until it is closed
 */
final class ClientPool<C extends AutoCloseable> implements AutoCloseable {

	private final int capacity;

	// access order: the first entry is the least recently used
	private final Map<Long, Entry<C>> entries = new LinkedHashMap<>(16, 0.75f, true);

	ClientPool(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("a client pool holds at least one client");
		}
		this.capacity = capacity;
	}

	/**
	 * Calls the cluster's client, built first when there is none for these credentials.
	 * @param build makes the client; what it throws reaches the caller and nothing is kept
	 */
	<T> T call(long clusterId, long credentialsVersion, Supplier<C> build, Function<C, T> call) {
		Entry<C> entry = lease(clusterId, credentialsVersion, build);
		try {
			return call.apply(entry.client);
		}
		finally {
			giveBack(entry);
		}
	}

	/** Closes the cluster's client, at once or when its last call returns. */
	synchronized void remove(long clusterId) {
		Entry<C> entry = entries.remove(clusterId);
		if (entry != null) {
			retire(entry);
		}
	}

	synchronized Optional<C> client(long clusterId) {
		Entry<C> entry = entries.get(clusterId);
		return (entry != null) ? Optional.of(entry.client) : Optional.empty();
	}

	/** How many clients are kept, leased ones that have to go not included. */
	synchronized int size() {
		return entries.size();
	}

	@Override
	public synchronized void close() {
		List<Entry<C>> all = new ArrayList<>(entries.values());
		entries.clear();
		all.forEach(this::retire);
	}

	private synchronized Entry<C> lease(long clusterId, long credentialsVersion, Supplier<C> build) {
		Entry<C> entry = entries.get(clusterId);
		if (entry != null && entry.credentialsVersion > credentialsVersion) {
			// a caller still holding older credentials gets a client of its own for the call,
			// without displacing the current one
			Entry<C> once = new Entry<>(credentialsVersion, build.get());
			once.retired = true;
			once.leases++;
			return once;
		}
		if (entry == null || entry.credentialsVersion != credentialsVersion) {
			C client = build.get();
			if (entry != null) {
				entries.remove(clusterId);
				retire(entry);
			}
			entry = new Entry<>(credentialsVersion, client);
			entries.put(clusterId, entry);
			evictBeyondCapacity();
		}
		entry.leases++;
		return entry;
	}

	private synchronized void giveBack(Entry<C> entry) {
		entry.leases--;
		if (entry.retired && entry.leases == 0) {
			closeQuietly(entry.client);
		}
	}

	private void evictBeyondCapacity() {
		Iterator<Entry<C>> eldest = entries.values().iterator();
		while (entries.size() > capacity && eldest.hasNext()) {
			Entry<C> entry = eldest.next();
			eldest.remove();
			retire(entry);
		}
	}

	private void retire(Entry<C> entry) {
		entry.retired = true;
		if (entry.leases == 0) {
			closeQuietly(entry.client);
		}
	}

	private static void closeQuietly(AutoCloseable client) {
		try {
			client.close();
		}
		catch (Exception ex) {
			// a client that fails to close holds nothing tfmesh can still release
		}
	}

	private static final class Entry<C> {

		private final long credentialsVersion;

		private final C client;

		private int leases;

		private boolean retired;

		Entry(long credentialsVersion, C client) {
			this.credentialsVersion = credentialsVersion;
			this.client = client;
		}

	}

}
