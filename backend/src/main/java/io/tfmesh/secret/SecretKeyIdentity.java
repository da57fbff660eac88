package io.tfmesh.secret;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.tfmesh.system.TfmeshSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes sure this instance holds the key that encrypted the database's secrets before it serves
 * anything. The database records the key's fingerprint on first use; an instance with another
 * key (a second instance with its own data directory, a lost or replaced key file) refuses to
 * start and says which key to use, instead of failing on every stored credential later.
 */
@Component
class SecretKeyIdentity implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(SecretKeyIdentity.class);

	/** The encrypted columns written before fingerprints were recorded, with the purpose each was sealed for. */
	private static final Map<String, String> EARLIER_SECRETS = Map.of("k8s_kubeconfig_secret", "cluster.kubeconfig",
			"k8s_token_secret", "cluster.kubernetes-token", "tf_keystone_password_secret", "cluster.keystone-password");

	private final SecretCipher cipher;

	private final JdbcTemplate jdbc;

	private final TfmeshSettings settings;

	private final Clock clock;

	SecretKeyIdentity(SecretCipher cipher, JdbcTemplate jdbc, TfmeshSettings settings, Clock clock) {
		this.cipher = cipher;
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		String mine = cipher.fingerprint();
		List<String> recorded = jdbc.queryForList("SELECT fingerprint FROM secret_key_fingerprint WHERE id = 1",
				String.class);
		if (recorded.isEmpty()) {
			verifyEarlierSecrets();
			jdbc.update("INSERT INTO secret_key_fingerprint (id, fingerprint, recorded_at) VALUES (1, ?, ?)"
					+ " ON CONFLICT (id) DO NOTHING", mine, Timestamp.from(clock.instant()));
			// another instance may have recorded its key at the same moment
			recorded = jdbc.queryForList("SELECT fingerprint FROM secret_key_fingerprint WHERE id = 1", String.class);
			log.info("Recorded the fingerprint {} of the secret key from {}", abbreviate(mine), cipher.keySource());
		}
		if (!recorded.get(0).equals(mine)) {
			throw wrongKey("were encrypted with another secret key (fingerprint " + abbreviate(recorded.get(0)) + ")");
		}
	}

	/** A database from before fingerprints: its secrets show whether this key wrote them. */
	private void verifyEarlierSecrets() {
		for (Map.Entry<String, String> column : EARLIER_SECRETS.entrySet()) {
			List<byte[]> sample = jdbc.queryForList("SELECT " + column.getKey() + " FROM cluster WHERE "
					+ column.getKey() + " IS NOT NULL LIMIT 1", byte[].class);
			if (sample.isEmpty()) {
				continue;
			}
			try {
				cipher.decrypt(sample.get(0), column.getValue());
			}
			catch (SecretUnreadableException ex) {
				throw wrongKey("cannot be decrypted with it");
			}
		}
	}

	private IllegalStateException wrongKey(String problem) {
		return new IllegalStateException("The credentials stored in this database " + problem + "; this instance uses"
				+ " the key from " + cipher.keySource() + " (fingerprint " + abbreviate(cipher.fingerprint())
				+ "). Start it with the key of the instance that stored them: set TFMESH_SECRET_KEY to that key, or copy"
				+ " that instance's secret.key to " + settings.dataDir().resolve(SecretKeyLoader.KEY_FILE)
				+ ". Never generate a new key for an existing database: its stored credentials would be lost.");
	}

	private static String abbreviate(String fingerprint) {
		return fingerprint.substring(0, 16);
	}

}
