package io.llmstream.app;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Turns what SmallRye Config and Bean Validation report about {@link ConfigProperties} into the messages an
 * operator reads: each names the environment variable and the key, says what is allowed and what was given.
 */
final class ConfigProblems {

    /** Without Expression Language: the messages of {@code @Range} need only its parameters. */
    static final ConfigValidator VALIDATOR = new BeanValidationConfigValidator() {
        private final Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

        @Override
        public Validator getValidator() {
            return validator;
        }
    };

    /** SmallRye's conversion failure: "SRCFG00039: The config property http.port with the config value "x" threw ...". */
    private static final Pattern CONVERSION = Pattern.compile("The config property (\\S+) with the config value");

    /** Bean Validation's, as SmallRye writes it: "http.port must be between 0 and 65535". */
    private static final Pattern VIOLATION = Pattern.compile("(\\S+) (must .*)");

    private ConfigProblems() {
    }

    /** One {@link ConfigException} listing every problem SmallRye found while mapping {@code config}. */
    static ConfigException of(ConfigValidationException problems, SmallRyeConfig config) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < problems.getProblemCount(); i++) {
            messages.add(message(problems.getProblem(i).getMessage(), config));
        }
        return new ConfigException(String.join("; ", messages));
    }

    private static String message(String problem, SmallRyeConfig config) {
        Matcher violation = VIOLATION.matcher(problem);
        if (!problem.startsWith("SRCFG") && violation.matches()) {
            String key = violation.group(1);
            return describe(key) + " " + violation.group(2) + ", was " + raw(key, config);
        }
        Matcher conversion = CONVERSION.matcher(problem);
        if (conversion.find()) {
            String key = conversion.group(1);
            return describe(key) + " " + expected(problem) + ", was " + raw(key, config);
        }
        return problem;
    }

    private static String expected(String problem) {
        if (problem.contains("must be true or false")) {
            return "must be true or false";
        }
        Matcher allowed = Pattern.compile("allowed values: ([\\w, -]+)").matcher(problem.toLowerCase(Locale.ROOT));
        if (allowed.find()) {
            List<String> values = List.of(allowed.group(1).strip().split("\\s*,\\s*"));
            return "must be " + String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.getLast();
        }
        return "must be a whole number";
    }

    private static String raw(String key, SmallRyeConfig config) {
        return "'" + Redaction.url(config.getConfigValue(key).getValue()) + "'";
    }

    /** {@code HTTP_PORT (http.port)}: how every message names a key. */
    static String describe(String key) {
        return env(key) + " (" + key + ")";
    }

    /** SmallRye's rule: the key upper-cased, every character but letters and digits as '_'. */
    static String env(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
