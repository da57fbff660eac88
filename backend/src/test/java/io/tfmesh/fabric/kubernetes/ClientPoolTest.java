package io.tfmesh.fabric.kubernetes;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientPoolTest {

	private final List<Client> built = new ArrayList<>();

	private final ClientPool<Client> pool = new ClientPool<>(2);

	@Test
	void aClientRemovedDuringACallIsClosedWhenTheCallReturns() {
		Client used = pool.call(1, 1, this::build, client -> {
			pool.remove(1);
			assertThat(client.closed).isFalse();
			return client;
		});

		assertThat(used.closed).isTrue();
		assertThat(pool.size()).isZero();
	}

	@Test
	void evictingALeasedClientWaitsForItsCall() {
		Client first = pool.call(1, 1, this::build, client -> {
			pool.call(2, 1, this::build, other -> other);
			pool.call(3, 1, this::build, other -> other);
			assertThat(pool.client(1)).isEmpty();
			assertThat(client.closed).isFalse();
			return client;
		});

		assertThat(first.closed).isTrue();
		assertThat(pool.size()).isEqualTo(2);
		assertThat(built).hasSize(3);
	}

	@Test
	void newerCredentialsReplaceTheClientAndOlderOnesGetAClientForOneCall() {
		Client first = pool.call(1, 4, this::build, client -> client);
		Client second = pool.call(1, 5, this::build, client -> client);

		assertThat(first.closed).isTrue();
		assertThat(second.closed).isFalse();

		Client stale = pool.call(1, 4, this::build, client -> client);

		assertThat(stale).isNotSameAs(first).isNotSameAs(second);
		assertThat(stale.closed).isTrue();
		assertThat(pool.client(1)).containsSame(second);
	}

	@Test
	void aClientThatCannotBeBuiltLeavesTheCurrentOneInPlace() {
		Client first = pool.call(1, 1, this::build, client -> client);

		assertThatThrownBy(() -> pool.call(1, 2, () -> {
			throw new IllegalStateException("unreadable kubeconfig");
		}, client -> client)).hasMessage("unreadable kubeconfig");

		assertThat(pool.client(1)).containsSame(first);
		assertThat(first.closed).isFalse();
	}

	@Test
	void closingThePoolClosesEveryClient() {
		Client first = pool.call(1, 1, this::build, client -> client);
		Client second = pool.call(2, 1, this::build, client -> client);

		pool.close();

		assertThat(first.closed).isTrue();
		assertThat(second.closed).isTrue();
		assertThat(pool.size()).isZero();
	}

	private Client build() {
		Client client = new Client();
		built.add(client);
		return client;
	}

	private static final class Client implements AutoCloseable {

		private boolean closed;

		@Override
		public void close() {
			closed = true;
		}

	}

}
