package io.llmstream.http.jersey.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads a PEM public key or certificate with the JDK's own parsers (Nimbus needs Bouncy Castle for PEM). */
final class PemPublicKeys {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PemPublicKeys() {
    }

    /** @throws IllegalArgumentException when the text holds no RSA or EC public key */
    static PublicKey parse(String pem) {
        String text = pem == null ? "" : pem.strip();
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            return certificateKey(text);
        }
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("the public key file must hold a PEM '" + BEGIN + "' block or a certificate");
        }
        X509EncodedKeySpec spec;
        try {
            spec = new X509EncodedKeySpec(Base64.getMimeDecoder().decode(text.substring(from + BEGIN.length(), to)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM public key is not valid base64", e);
        }
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // not a key of this algorithm; try the next
            }
        }
        throw new IllegalArgumentException("the PEM public key is neither an RSA nor an EC key");
    }

    private static PublicKey certificateKey(String text) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))).getPublicKey();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the PEM certificate cannot be read", e);
        }
    }
}
