// The namespaces used across this project; a file imports any other it needs itself.
global using System.Data.Common;
global using Dapper;
