package io.tfmesh.emulator.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.tfmesh.emulator.Faults;
import io.tfmesh.emulator.WriteCounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulated cluster's Kubernetes API: fabric8's mock server in CRUD mode, a real HTTP server
 * speaking the Kubernetes REST API (plain HTTP), seeded with what a Tungsten Fabric single-yaml
 * install leaves. Its DaemonSets replace deleted pods, its objects are saved after every write
 * and restored on start, it counts the writes clients make, and it can be made to fail for
 * demonstrations and tests.
 */
public final class EmulatedKubernetes implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmulatedKubernetes.class);

	private final String host;

	private final InetAddress address;

	private final EmulatorDispatcher dispatcher;

	private final ApiDiscovery discovery;

	private final ObjectStore store;

	private final StateFile state;

	private final DaemonSetController daemonSets;

	private final SingleYamlSeed seeder;

	private final DaemonSetPods pods;

	private final Faults faults = new Faults();

	private final WriteCounts writes = new WriteCounts();

	private @Nullable ApiListener server;

	private int port;

	private boolean closed;

	private EmulatedKubernetes(String host, Path stateDir, Clock clock) throws UnknownHostException {
		this.host = host;
		this.address = InetAddress.getByName(host);
		RandomGenerator random = RandomGenerator.getDefault();
		this.discovery = new ApiDiscovery();
		this.dispatcher = new EmulatorDispatcher(discovery, random, clock, writes);
		this.store = new ObjectStore(dispatcher);
		this.state = new StateFile(stateDir);
		DaemonSetPods pods = new DaemonSetPods(clock, random);
		this.pods = pods;
		this.daemonSets = new DaemonSetController(store, pods);
		this.seeder = new SingleYamlSeed(store, pods, clock);
	}

	/**
	 * Starts listening, with the objects saved in {@code stateDir} if there are any.
	 * @param port 0 for any free port
	 */
	public static EmulatedKubernetes start(String host, int port, Path stateDir) {
		return start(host, port, stateDir, Clock.systemUTC());
	}

	public static EmulatedKubernetes start(String host, int port, Path stateDir, Clock clock) {
		try {
			Files.createDirectories(stateDir);
			EmulatedKubernetes kubernetes = new EmulatedKubernetes(host, stateDir, clock);
			try {
				kubernetes.restore();
				kubernetes.listen(port);
			}
			catch (RuntimeException ex) {
				kubernetes.daemonSets.close();
				throw ex;
			}
			return kubernetes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the emulated Kubernetes API on " + host + ":" + port, ex);
		}
	}

	public int port() {
		return port;
	}

	public String url() {
		return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
	}

	/** Seeds the cluster unless it holds objects already, as after a restart. */
	public synchronized void seed(KubernetesSeed seed) {
		if (dispatcher.isEmpty()) {
			seeder.apply(seed);
			discovery.kubernetesVersion(seed.kubernetesVersion());
		}
	}

	/** Deletes every object, then seeds the cluster again. */
	public synchronized void reset(KubernetesSeed seed) {
		dispatcher.wipe();
		seeder.apply(seed);
		discovery.kubernetesVersion(seed.kubernetesVersion());
	}

	/**
	 * Tells the listener of every DaemonSet pod started in place of another, and of those
	 * {@link #reconcileDaemonSets started} where one was missing (with an empty old name).
	 */
	public void onPodReplaced(PodReplacedListener listener) {
		daemonSets.onPodReplaced(listener);
	}

	/** Starts the DaemonSet pods that went missing while the emulator was stopped. */
	public synchronized void reconcileDaemonSets() {
		daemonSets.reconcile(SingleYamlSeed.NAMESPACE);
	}

	/**
	 * The settings a kube-manager pod starting now gets from its {@code envFrom} ConfigMaps: their
	 * data merged in order, a later ConfigMap's key winning. ConfigMaps that do not exist are
	 * skipped.
	 */
	public Map<String, String> kubeManagerSettings(String namespace, List<String> configMapNames) {
		Map<String, String> settings = new TreeMap<>();
		for (String name : configMapNames) {
			ConfigMap map = store.get(ApiPaths.configMap(namespace, name), ConfigMap.class);
			if (map != null && map.getData() != null) {
				settings.putAll(map.getData());
			}
		}
		return Collections.unmodifiableMap(settings);
	}

	/**
	 * Makes one container of the TF pod on that node crash-loop (waiting in
	 * {@code CrashLoopBackOff} while its pod keeps running), or run again.
	 * @param container the container's name, such as {@code config-zookeeper}
	 * @throws IllegalArgumentException when no TF pod on that node has such a container
	 */
	public synchronized void crashLoop(String nodeName, String container, boolean crashLooping) {
		Pod pod = store.list(ApiPaths.pods(SingleYamlSeed.NAMESPACE), PodList.class)
			.getItems()
			.stream()
			.filter(candidate -> nodeName.equals(candidate.getSpec().getNodeName()))
			.filter(candidate -> candidate.getSpec()
				.getContainers()
				.stream()
				.anyMatch(spec -> container.equals(spec.getName())))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no pod on " + nodeName + " has a container " + container));
		store.replace(ApiPaths.pod(SingleYamlSeed.NAMESPACE, pod.getMetadata().getName()),
				pods.withContainer(pod, container, crashLooping));
	}

	/** Stops listening, so connections are refused, or listens again on the same port. */
	public synchronized void down(boolean down) {
		if (down && server != null) {
			server.close();
			server = null;
		}
		else if (!down && server == null && !closed) {
			listen(port);
		}
	}

	/** Holds back every answer this long. */
	public void latency(Duration latency) {
		faults.latency(latency);
	}

	/**
	 * This share (0 to 1) of requests answer 503 with a {@code Status} of reason
	 * {@code ServiceUnavailable}, before anything is read or written.
	 */
	public void errorRate(double share) {
		faults.errorRate(share);
	}

	/**
	 * This share (0 to 1) of requests time out: the connection stays silent for {@code hang},
	 * then closes without an answer. Such a request never reaches the store, so a write that
	 * timed out was not carried out.
	 */
	public void timeoutRate(double share, Duration hang) {
		faults.timeoutRate(share, hang);
	}

	/**
	 * This share (0 to 1) of requests are carried out, then their answer is lost: the connection
	 * stays silent for {@code hang} and closes. A create that is tried again is refused with 409
	 * AlreadyExists.
	 */
	public void lostAnswerRate(double share, Duration hang) {
		faults.lostAnswerRate(share, hang);
	}

	/** The next {@code count} requests answer 503, whatever the error rate. */
	public void failNext(int count) {
		faults.failNext(count);
	}

	/** Draws the random faults from this generator, so a test can repeat them. */
	public void faultRandom(RandomGenerator random) {
		faults.random(random);
	}

	/** Clears every fault, listens again if down, and sets the write counts back to zero. */
	public synchronized void resetFaults() {
		faults.clear();
		writes.reset();
		down(false);
	}

	/**
	 * The writes of one object the API accepted from clients (create, replace, patch, delete)
	 * since the last {@link #resetFaults()}; the emulator's own, such as a DaemonSet starting a
	 * pod, are not counted.
	 * @param objectKey the resource, namespace (for a namespaced kind) and name, such as
	 * {@code configmaps/kube-system/env} or {@code namespaces/frontend}
	 */
	public long writes(String objectKey) {
		return writes.writes(objectKey);
	}

	/** Every object clients wrote with its count of accepted writes, by key. */
	public Map<String, Long> writes() {
		return writes.snapshot();
	}

	@Override
	public void close() {
		synchronized (this) {
			if (closed) {
				return;
			}
			down(true);
			closed = true;
		}
		// outside the lock: a pod replacement in progress may tell a listener that calls back
		daemonSets.close();
	}

	private void restore() {
		List<StoredObject> objects = state.load();
		if (!objects.isEmpty()) {
			dispatcher.restore(objects);
			log.info("Restored {} Kubernetes objects from {}", objects.size(), state.path());
		}
		ConfigMap kubeadm = store.get(ApiPaths.configMap(SingleYamlSeed.NAMESPACE, "kubeadm-config"), ConfigMap.class);
		if (kubeadm != null) {
			discovery.kubernetesVersion(SingleYamlSeed.kubernetesVersion(kubeadm));
		}
		dispatcher.observe(new EmulatorDispatcher.Observer() {

			@Override
			public void written() {
				save();
			}

			@Override
			public void podsDeleted(List<Pod> pods) {
				daemonSets.podsDeleted(pods);
			}

		});
	}

	private void save() {
		try {
			state.save(dispatcher.objects());
		}
		catch (UncheckedIOException ex) {
			// the write itself succeeded; only a restart would lose it
			log.warn("Could not save the emulated Kubernetes objects", ex);
		}
	}

	private void listen(int port) {
		ApiListener listening = ApiListener.listen(address, port, dispatcher, faults);
		this.port = listening.port();
		this.server = listening;
	}

}
