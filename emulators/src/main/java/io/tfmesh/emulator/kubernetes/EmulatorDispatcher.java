package io.tfmesh.emulator.kubernetes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * fabric8's CRUD store behind the emulated API, with injected faults and hooks for what a real
 * control plane does after a write. Every request, from clients or from the emulator itself,
 * is served under one lock: the store's map is not thread-safe and the state file must see
 * each write whole.
 */
final class EmulatorDispatcher extends Dispatcher {

	private static final String PLURAL = "plural";

	private static final Pattern PODS = Pattern.compile("/api/v1/namespaces/([^/]+)/pods(?:/([^/]+))?");

	private final ReentrantLock lock = new ReentrantLock();

	private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();

	private final ApiDiscovery discovery;

	private final RandomGenerator random;

	private volatile Observer observer = new Observer() {

		@Override
		public void written() {
		}

		@Override
		public void podsDeleted(List<Pod> pods) {
		}

	};

	private volatile Duration latency = Duration.ZERO;

	private volatile double errorRate;

	EmulatorDispatcher(ApiDiscovery discovery, RandomGenerator random) {
		this.discovery = discovery;
		this.random = random;
	}

	void observe(Observer observer) {
		this.observer = observer;
	}

	void latency(Duration latency) {
		this.latency = latency;
	}

	void errorRate(double share) {
		this.errorRate = share;
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		double share = errorRate;
		MockResponse response = (share > 0 && random.nextDouble() < share) ? failure()
				: discovery.answer(request).orElseGet(() -> serve(request));
		// a watch is upgraded to a WebSocket; only plain answers are typed and held back
		if (response.getWebSocketListener() != null) {
			return response;
		}
		// the store leaves its JSON untyped, which clients such as kubectl refuse
		if (response.header("Content-Type") == null) {
			response.setHeader("Content-Type", "application/json");
		}
		Duration delay = latency;
		if (!delay.isZero()) {
			response.setBodyDelay(delay);
		}
		return response;
	}

	/** A request of the emulator itself: no faults, but the same store, hooks and lock. */
	MockResponse internal(HttpMethod method, String path, @Nullable String json) {
		Headers headers = Headers.builder().add("Content-Type", "application/json").build();
		Buffer body = new Buffer();
		if (json != null) {
			body.writeUtf8(json);
		}
		return serve(new RecordedRequest("HTTP/1.1", method, path, headers, body));
	}

	<T> T locked(Supplier<T> work) {
		lock.lock();
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

	boolean isEmpty() {
		return locked(() -> crud.getMap().isEmpty());
	}

	/** Every object, as the JSON the store keeps. */
	List<StoredObject> objects() {
		return locked(() -> {
			List<StoredObject> objects = new ArrayList<>();
			crud.getMap().forEach((key, json) -> {
				Attribute plural = key.getAttribute(PLURAL);
				objects.add(new StoredObject((plural != null) ? plural.getValues().get(0).toString() : null, json));
			});
			return objects;
		});
	}

	void wipe() {
		locked(() -> {
			crud.reset();
			observer.written();
			return null;
		});
	}

	/**
	 * Puts saved objects back as they were, resourceVersions, uids and timestamps included, so
	 * versions that clients read before a restart stay valid.
	 */
	void restore(List<StoredObject> objects) {
		locked(() -> {
			long newest = 0;
			Map<AttributeSet, String> map = crud.getMap();
			for (StoredObject object : objects) {
				// the store keys an object by its attributes and the plural of the path it was posted to
				AttributeSet key = crud.getAttributeExtractor().fromResource(object.json());
				if (object.plural() != null) {
					key = AttributeSet.merge(key, new AttributeSet(new Attribute(PLURAL, object.plural())));
				}
				map.put(key, object.json());
				newest = Math.max(newest, resourceVersion(object.json()));
			}
			while (crud.requestResourceVersion() < newest) {
				// advances the store's counter past every restored version
			}
			return null;
		});
	}

	private MockResponse serve(RecordedRequest request) {
		lock.lock();
		try {
			HttpMethod method = request.method();
			List<Pod> doomed = (method == HttpMethod.DELETE) ? podsAt(request.getPath()) : List.of();
			MockResponse response = crud.dispatch(request);
			if (method == HttpMethod.GET && response.code() == 200 && response.getWebSocketListener() == null) {
				response = discovery.typedList(request.getPath(), response);
			}
			if (response.code() < 300 && (method == HttpMethod.POST || method == HttpMethod.PUT
					|| method == HttpMethod.PATCH || method == HttpMethod.DELETE)) {
				observer.written();
				List<Pod> gone = doomed.stream()
					.filter(pod -> crud
						.handleGet(ApiPaths.pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName()))
						.code() == 404)
					.toList();
				if (!gone.isEmpty()) {
					observer.podsDeleted(gone);
				}
			}
			return response;
		}
		finally {
			lock.unlock();
		}
	}

	/** The pods a DELETE on this path removes: one pod, or those of a (selected) collection. */
	private List<Pod> podsAt(String path) {
		Matcher matcher = PODS.matcher(ApiPaths.withoutQuery(path));
		if (!matcher.matches()) {
			return List.of();
		}
		MockResponse found = crud.handleGet((matcher.group(2) != null) ? ApiPaths.withoutQuery(path) : path);
		if (found.code() != 200) {
			return List.of();
		}
		KubernetesResource resource = Serialization
			.unmarshal(new String(found.getBody().getBytes(), StandardCharsets.UTF_8));
		if (resource instanceof Pod pod) {
			return List.of(pod);
		}
		return (resource instanceof PodList list) ? list.getItems() : List.of();
	}

	private MockResponse failure() {
		boolean unavailable = random.nextBoolean();
		int code = unavailable ? 503 : 500;
		return new MockResponse().setResponseCode(code)
			.setHeader("Content-Type", "application/json")
			.setBody(Serialization.asJson(new StatusBuilder().withStatus("Failure")
				.withCode(code)
				.withReason(unavailable ? "ServiceUnavailable" : "InternalError")
				.withMessage(unavailable ? "the server is currently unable to handle the request"
						: "an error on the server has prevented the request from succeeding")
				.build()));
	}

	private static long resourceVersion(String json) {
		String version = Serialization.jsonMapper()
			.readTree(json)
			.path("metadata")
			.path("resourceVersion")
			.asString("");
		try {
			return Long.parseLong(version);
		}
		catch (NumberFormatException ex) {
			// not one of the store's numeric versions: nothing to keep clear of
			return 0;
		}
	}

	/** Told about writes while the lock is held. */
	interface Observer {

		void written();

		void podsDeleted(List<Pod> pods);

	}

}
