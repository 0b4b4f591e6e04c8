// The original bbr's metadata types and YAML library (gopkg.in/yaml.v2), as an oracle for bbr's own writer and
// reader: "marshal" turns a JSON description into the bytes yaml.v2 writes, "unmarshal" reads YAML the way the
// original's restore does and prints what it found as JSON, "roundtrip" reads YAML and writes it again. File names travel as base64: they are bytes.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/ioutil"
	"os"

	"gopkg.in/yaml.v2"
)

type backupActivityMetadata struct {
	StartTime  string `yaml:"start_time"`
	FinishTime string `yaml:"finish_time,omitempty"`
}

type instanceMetadata struct {
	Name      string             `yaml:"name"`
	Index     string             `yaml:"index"`
	Artifacts []artifactMetadata `yaml:"artifacts"`
}

type artifactMetadata struct {
	Name     string            `yaml:"name"`
	Checksum map[string]string `yaml:"checksums"`
}

type metadata struct {
	MetadataForEachInstance   []*instanceMetadata    `yaml:"instances,omitempty"`
	MetadataForEachArtifact   []artifactMetadata     `yaml:"custom_artifacts,omitempty"`
	MetadataForBackupActivity backupActivityMetadata `yaml:"backup_activity"`
}

type jsonArtifact struct {
	Name      string      `json:"name"`
	Checksums [][2]string `json:"checksums"` // base64 of the name, hash
}

type jsonInstance struct {
	Name      string         `json:"name"`
	Index     string         `json:"index"`
	Artifacts []jsonArtifact `json:"artifacts"`
}

type jsonMetadata struct {
	Instances  []jsonInstance `json:"instances"`
	Custom     []jsonArtifact `json:"custom"`
	StartTime  string         `json:"start_time"`
	FinishTime string         `json:"finish_time"`
}

func toMap(sums [][2]string) map[string]string {
	m := map[string]string{}
	for _, pair := range sums {
		name, err := base64.StdEncoding.DecodeString(pair[0])
		if err != nil {
			panic(err)
		}
		m[string(name)] = pair[1]
	}
	return m
}

func fromMap(m map[string]string) [][2]string {
	sums := [][2]string{}
	for name, sum := range m {
		sums = append(sums, [2]string{base64.StdEncoding.EncodeToString([]byte(name)), sum})
	}
	return sums
}

func main() {
	input, err := ioutil.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	switch os.Args[1] {
	case "marshal":
		var in jsonMetadata
		if err := json.Unmarshal(input, &in); err != nil {
			panic(err)
		}
		m := metadata{MetadataForBackupActivity: backupActivityMetadata{StartTime: in.StartTime, FinishTime: in.FinishTime}}
		for _, i := range in.Instances {
			inst := &instanceMetadata{Name: i.Name, Index: i.Index}
			for _, a := range i.Artifacts {
				inst.Artifacts = append(inst.Artifacts, artifactMetadata{Name: a.Name, Checksum: toMap(a.Checksums)})
			}
			m.MetadataForEachInstance = append(m.MetadataForEachInstance, inst)
		}
		for _, a := range in.Custom {
			m.MetadataForEachArtifact = append(m.MetadataForEachArtifact, artifactMetadata{Name: a.Name, Checksum: toMap(a.Checksums)})
		}
		// Go's map order is random: a key set that yaml.v2's sort does not order consistently comes out
		// differently from run to run. Say so instead of printing one of them.
		first, err := yaml.Marshal(m)
		if err != nil {
			panic(err)
		}
		for i := 0; i < 20; i++ {
			again, _ := yaml.Marshal(m)
			if string(again) != string(first) {
				fmt.Print("NONDETERMINISTIC\n")
				return
			}
		}
		os.Stdout.Write(first)
	case "roundtrip":
		// What the original does to a metadata file it restores and writes again: read, then write.
		var m metadata
		if err := yaml.Unmarshal(input, &m); err != nil {
			fmt.Printf("ERROR %v\n", err)
			return
		}
		first, err := yaml.Marshal(m)
		if err != nil {
			panic(err)
		}
		for i := 0; i < 3; i++ {
			again, _ := yaml.Marshal(m)
			if string(again) != string(first) {
				fmt.Print("NONDETERMINISTIC\n")
				return
			}
		}
		os.Stdout.Write(first)
	case "unmarshal":
		var m metadata
		if err := yaml.Unmarshal(input, &m); err != nil {
			fmt.Printf("ERROR %v\n", err)
			return
		}
		out := jsonMetadata{StartTime: m.MetadataForBackupActivity.StartTime, FinishTime: m.MetadataForBackupActivity.FinishTime}
		for _, i := range m.MetadataForEachInstance {
			ji := jsonInstance{Name: i.Name, Index: i.Index}
			for _, a := range i.Artifacts {
				ji.Artifacts = append(ji.Artifacts, jsonArtifact{Name: a.Name, Checksums: fromMap(a.Checksum)})
			}
			out.Instances = append(out.Instances, ji)
		}
		for _, a := range m.MetadataForEachArtifact {
			out.Custom = append(out.Custom, jsonArtifact{Name: a.Name, Checksums: fromMap(a.Checksum)})
		}
		b, _ := json.Marshal(out)
		os.Stdout.Write(b)
	}
}
