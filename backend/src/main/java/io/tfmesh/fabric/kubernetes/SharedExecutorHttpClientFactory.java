package io.tfmesh.fabric.kubernetes;

import java.net.http.HttpClient;
import java.util.concurrent.Executor;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;

/**
 * fabric8's JDK HTTP client, each on the same executor: fabric8 would give every client a
 * thread pool of its own, so threads would grow with the number of clusters.
 */
final class SharedExecutorHttpClientFactory extends JdkHttpClientFactory {

	private final Executor executor;

	SharedExecutorHttpClientFactory(Executor executor) {
		this.executor = executor;
	}

	@Override
	protected HttpClient.Builder createNewHttpClientBuilder() {
		return HttpClient.newBuilder().executor(executor);
	}

	@Override
	protected void closeHttpClient(JdkHttpClientImpl client) {
		// the executor serves every client and is shut down with the pool, not with one client
	}

}
