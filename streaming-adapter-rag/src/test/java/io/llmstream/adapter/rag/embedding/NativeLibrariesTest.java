package io.llmstream.adapter.rag.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeLibrariesTest {

    @Test
    void shouldNameThisJvmsPlatformAsFoundWhenTheUnshadedDependenciesAreOnTheClassPath() {
        String here = NativeLibraries.platform(System.getProperty("os.name"), System.getProperty("os.arch"));

        String description = NativeLibraries.describe();

        assertThat(description).startsWith("native libraries for linux-x86_64, linux-aarch64").endsWith("this JVM's " + here + " found");
    }

    @Test
    void shouldNamePlatformsAsTheTokenizersDirectoriesDo() {
        assertThat(NativeLibraries.platform("Linux", "amd64")).isEqualTo("linux-x86_64");
        assertThat(NativeLibraries.platform("Linux", "aarch64")).isEqualTo("linux-aarch64");
        assertThat(NativeLibraries.platform("Mac OS X", "aarch64")).isEqualTo("osx-aarch64");
        assertThat(NativeLibraries.platform("Windows 11", "amd64")).isEqualTo("win-x86_64");
    }
}
