package io.tfmesh.secret;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secretKey base64 of a 256-bit AES key; when absent a key is generated into the data
 * directory on first start
 */
@ConfigurationProperties("tfmesh")
record SecretSettings(@Nullable String secretKey) {
}
